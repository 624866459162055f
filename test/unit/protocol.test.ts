import { describe, expect, it } from "vitest";
import { LIMITS, parseAgentFrame } from "@/lib/protocol";

describe("parseAgentFrame", () => {
  it("accepts each of the spec's frames as written in the spec", () => {
    const frames = [
      { type: "agent-status", agentId: "mac-agent-1", status: "online", capabilities: ["git", "npm", "docker"] },
      {
        type: "git-status",
        repos: [{ id: "r", path: "/x", name: "x", branch: "main", status: "dirty", uncommittedCount: 1, aheadCount: 0, behindCount: 0, modifiedFiles: ["a"] }],
      },
      { type: "task-result", taskId: "t1", result: { ok: true }, status: "completed", logs: "done" },
      { type: "pong" },
      { type: "pong", timestamp: 5 },
    ];
    for (const f of frames) expect(parseAgentFrame(JSON.stringify(f))).toMatchObject({ ok: true, frame: f });
  });

  it("answers bad JSON, unknown types, wrong fields and binary with the spec's error shape", () => {
    const cases: (string | Uint8Array)[] = [
      "{nope",
      JSON.stringify({ type: "launch-missiles" }),
      JSON.stringify({ type: "agent-status", agentId: "a", status: "sleepy" }),
      new Uint8Array([1, 2]),
    ];
    for (const raw of cases) {
      const out = parseAgentFrame(raw);
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.type).toBe("error");
        expect(out.error.message).toBe("Invalid message format");
        expect(out.error.details.length).toBeGreaterThan(0);
      }
    }
  });

  it("names the wrong field in the details", () => {
    const out = parseAgentFrame(JSON.stringify({ type: "agent-status", agentId: "a", status: "sleepy" }));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.details).toEqual([expect.objectContaining({ path: ["status"] })]);
  });

  it("refuses over-size frames before parsing them", () => {
    const huge = JSON.stringify({ type: "pong", pad: "x".repeat(LIMITS.frameBytes) });
    const out = parseAgentFrame(huge);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.details[0]).toMatchObject({ code: "too_big" });
  });

  it("bounds identifiers, arrays and free-form JSON", () => {
    expect(parseAgentFrame(JSON.stringify({ type: "agent-status", agentId: "has space", status: "online" })).ok).toBe(false);
    expect(parseAgentFrame(JSON.stringify({ type: "agent-status", agentId: "a".repeat(129), status: "online" })).ok).toBe(false);
    const tooManyRepos = Array.from({ length: LIMITS.reposPerFrame + 1 }, (_, i) => ({ id: `r${i}`, path: `/r${i}`, name: "r" }));
    expect(parseAgentFrame(JSON.stringify({ type: "git-status", repos: tooManyRepos })).ok).toBe(false);
    const bigResult = { type: "task-result", taskId: "t", status: "completed", result: "x".repeat(LIMITS.resultBytes + 10) };
    expect(parseAgentFrame(JSON.stringify(bigResult)).ok).toBe(false);
    expect(parseAgentFrame(JSON.stringify({ type: "git-status", repos: [{ id: "r", path: "/r", name: "r", uncommittedCount: -1 }] })).ok).toBe(false);
  });
});

describe("untrusted JSON text", () => {
  it("refuses an unpaired surrogate in a value or key, naming where, and keeps pairs", async () => {
    const { parseJsonText } = await import("@/lib/protocol/parse");
    expect(parseJsonText('{"title":"a\\ud800b"}', "body")).toMatchObject({ ok: false, issue: { code: "lone_surrogate", path: ["title"] } });
    expect(parseJsonText('{"m":{"\\udc00":1}}', "body")).toMatchObject({ ok: false, issue: { code: "lone_surrogate", path: ["m"] } });
    expect(parseJsonText('{"title":"\\ud83d\\ude00"}', "body")).toEqual({ ok: true, value: { title: "😀" } });
  });
});
