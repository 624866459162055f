/** Which severity a task that failed for good (or timed out) raises, per task priority; "off" raises none. */
import { ALERT_SEVERITIES, TASK_PRIORITIES, type TaskPriority } from "../protocol/constants";

export type TaskAlertSeverity = (typeof ALERT_SEVERITIES)[number] | "off";
export type SeverityByPriority = Record<TaskPriority, TaskAlertSeverity>;

/** As before this was configurable: urgent and high are critical, the rest warnings. */
export const DEFAULT_TASK_ALERT_SEVERITY: SeverityByPriority = { urgent: "critical", high: "critical", medium: "warning", low: "warning" };

const CHOICES: readonly string[] = [...ALERT_SEVERITIES, "off"];

/**
 * Reads "high=critical,low=off" (priorities left out keep the default). Returns the map, or the first problem in
 * words an operator can act on.
 */
export function parseSeverityByPriority(text: string): { ok: true; value: SeverityByPriority } | { ok: false; error: string } {
  const value = { ...DEFAULT_TASK_ALERT_SEVERITY };
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [priority, severity, extra] = part.split("=").map((s) => s.trim());
    if (!priority || !severity || extra !== undefined) return { ok: false, error: `"${part}" is not priority=severity` };
    if (!(TASK_PRIORITIES as readonly string[]).includes(priority)) return { ok: false, error: `unknown priority "${priority}" (use ${TASK_PRIORITIES.join(", ")})` };
    if (!CHOICES.includes(severity)) return { ok: false, error: `unknown severity "${severity}" for ${priority} (use ${CHOICES.join(", ")})` };
    value[priority as TaskPriority] = severity as TaskAlertSeverity;
  }
  return { ok: true, value };
}

/** An unknown priority (an old row) gets what medium gets. */
export function severityForPriority(map: SeverityByPriority, priority: string): TaskAlertSeverity {
  return (TASK_PRIORITIES as readonly string[]).includes(priority) ? map[priority as TaskPriority] : map.medium;
}
