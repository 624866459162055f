import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alertTags, silenceFor, silenceIsScoped, silenceMatches, silenceState } from "@/lib/alerts/silence-match";

const none = { agentId: null, kind: null, source: null, tag: null };
const alert = { agentId: "mac-1", kind: "agent-lost", source: "hub", metadata: { tags: ["nightly", 7, "gpu"] } };
const T0 = Date.parse("2026-03-01T10:00:00Z");

describe("silence matcher", () => {
  it("matches when every field it sets equals the alert's; unset fields match anything", () => {
    expect(silenceMatches({ ...none, agentId: "mac-1" }, alert)).toBe(true);
    expect(silenceMatches({ ...none, agentId: "mac-1", kind: "agent-lost" }, alert)).toBe(true);
    expect(silenceMatches({ ...none, agentId: "mac-1", kind: "task-failed" }, alert)).toBe(false);
    expect(silenceMatches({ ...none, source: "hub" }, alert)).toBe(true);
    expect(silenceMatches({ ...none, source: "tasks" }, alert)).toBe(false);
    expect(silenceMatches({ ...none, agentId: "mac-1" }, { ...alert, agentId: null })).toBe(false);
  });

  it("matches a tag among the alert's metadata.tags (strings only), and nothing without tags", () => {
    expect(alertTags(alert.metadata)).toEqual(["nightly", "gpu"]);
    expect(silenceMatches({ ...none, tag: "gpu" }, alert)).toBe(true);
    expect(silenceMatches({ ...none, tag: "7" }, alert)).toBe(false);
    expect(silenceMatches({ ...none, tag: "gpu" }, { ...alert, metadata: null })).toBe(false);
    expect(silenceMatches({ ...none, tag: "gpu" }, { ...alert, metadata: { tags: "gpu" } })).toBe(false);
    expect(alertTags(["gpu"])).toEqual([]);
  });

  it("a silence that sets nothing matches nothing (the API refuses it too)", () => {
    expect(silenceIsScoped(none)).toBe(false);
    expect(silenceIsScoped({ ...none, source: "" })).toBe(false);
    expect(silenceMatches(none, alert)).toBe(false);
  });

  it("is pending before its start, active until its end (exclusive), expired after", () => {
    const w = { startsAt: T0, endsAt: T0 + 60_000 };
    expect(silenceState(w, T0 - 1)).toBe("pending");
    expect(silenceState(w, T0)).toBe("active");
    expect(silenceState(w, T0 + 59_999)).toBe("active");
    expect(silenceState(w, T0 + 60_000)).toBe("expired");
  });

  it("picks, of the active matching silences, the one that ends last", () => {
    const s = [
      { id: "short", ...none, source: "hub", startsAt: T0, endsAt: T0 + 60_000 },
      { id: "long", ...none, agentId: "mac-1", startsAt: T0, endsAt: T0 + 3600_000 },
      { id: "later", ...none, agentId: "mac-1", startsAt: T0 + 1_000, endsAt: T0 + 7200_000 },
      { id: "other", ...none, agentId: "mac-2", startsAt: T0, endsAt: T0 + 9000_000 },
    ];
    expect(silenceFor(s, alert, T0 + 10)?.id).toBe("long");
    expect(silenceFor(s, alert, T0 + 2_000)?.id).toBe("later");
    expect(silenceFor(s, alert, T0 + 9000_000)).toBeNull();
    expect(silenceFor(s, { ...alert, agentId: "mac-3", source: "tasks" }, T0 + 10)).toBeNull();
  });

  it("setting one more field never makes a silence match more alerts", () => {
    const value = fc.option(fc.constantFrom("a", "b"), { nil: null });
    const facts = fc.record({ agentId: value, kind: value, source: value, metadata: fc.constant({ tags: ["a"] }) });
    const filter = fc.record({ agentId: value, kind: value, source: value, tag: value });
    fc.assert(
      fc.property(filter, fc.constantFrom("agentId", "kind", "source", "tag"), fc.constantFrom("a", "b"), facts, (s, field, v, a) => {
        const narrower = { ...s, [field]: s[field as keyof typeof s] ?? v };
        if (silenceIsScoped(s) && silenceMatches(narrower, a)) expect(silenceMatches(s, a)).toBe(true);
      }),
    );
  });
});
