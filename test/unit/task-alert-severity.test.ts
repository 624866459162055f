import { describe, expect, it } from "vitest";
import { DEFAULT_TASK_ALERT_SEVERITY, parseSeverityByPriority, severityForPriority } from "@/lib/alerts/task-severity";

describe("task alert severity per priority", () => {
  it("defaults to what Cockpit always raised: critical for urgent and high, warning otherwise", () => {
    expect(parseSeverityByPriority("")).toEqual({ ok: true, value: DEFAULT_TASK_ALERT_SEVERITY });
    expect(DEFAULT_TASK_ALERT_SEVERITY).toEqual({ urgent: "critical", high: "critical", medium: "warning", low: "warning" });
  });

  it("overrides only the priorities it names, and off raises nothing", () => {
    const parsed = parseSeverityByPriority(" high = warning, low=off ,");
    expect(parsed).toEqual({ ok: true, value: { urgent: "critical", high: "warning", medium: "warning", low: "off" } });
    if (!parsed.ok) throw new Error("unreachable");
    expect(severityForPriority(parsed.value, "low")).toBe("off");
    expect(severityForPriority(parsed.value, "someday")).toBe("warning");
  });

  it("names what is wrong: the pair, the priority or the severity", () => {
    expect(parseSeverityByPriority("high")).toEqual({ ok: false, error: '"high" is not priority=severity' });
    expect(parseSeverityByPriority("normal=info")).toEqual({ ok: false, error: 'unknown priority "normal" (use urgent, high, medium, low)' });
    expect(parseSeverityByPriority("low=loud")).toEqual({ ok: false, error: 'unknown severity "loud" for low (use critical, warning, info, off)' });
    expect(parseSeverityByPriority("low=info=x")).toMatchObject({ ok: false });
  });
});
