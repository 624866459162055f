import "server-only";
import type { Db } from "../db/client";
import type { AlertRow, TaskRow } from "../db/serialize";
import { env } from "../env";
import { raiseAlert, resolveAlert } from "./raise";
import { severityForPriority } from "./task-severity";

/** Alerts Cockpit raises itself, with stable keys: a storm is one alert with a count, and it resolves when the condition clears. */
export const agentLostKey = (agentId: string) => `agent-lost:${agentId}`;
export const taskFailedKey = (taskId: string) => `task-failed:${taskId}`;

// Raised by lib/fleet/alerts.ts (unreachable or crashed), under agentLostKey.
/** The agent is back: its lost alert resolves by itself. */
export function resolveAgentLost(tx: Db, agentId: string, now = Date.now()): Promise<AlertRow | null> {
  return resolveAlert(tx, agentLostKey(agentId), "the agent reconnected", "cockpit", now);
}

const FINAL_FAILURES = new Set(["failed", "timed_out"]);

/**
 * A task that failed or timed out for good raises one alert, at the severity its priority is configured to raise
 * (TASK_FAILED_ALERT_SEVERITY / TASK_TIMED_OUT_ALERT_SEVERITY; by default critical for urgent and high); a later
 * success resolves it.
 */
export async function alertsForTasks(tx: Db, tasks: readonly TaskRow[], now = Date.now()): Promise<AlertRow[]> {
  const changed: AlertRow[] = [];
  for (const t of tasks) {
    if (FINAL_FAILURES.has(t.status)) {
      const timedOut = t.status === "timed_out";
      const severity = severityForPriority(timedOut ? env().TASK_TIMED_OUT_ALERT_SEVERITY : env().TASK_FAILED_ALERT_SEVERITY, t.priority);
      if (severity === "off") continue;
      const { row } = await raiseAlert(
        tx,
        {
          dedupKey: taskFailedKey(t.id),
          kind: t.status === "timed_out" ? "task-timed-out" : "task-failed",
          severity,
          title: `Task ${t.title} ${t.status === "timed_out" ? "timed out" : "failed"}`,
          message: t.error ?? null,
          source: "tasks",
          agentId: t.assignedAgentId,
          taskId: t.id,
        },
        now,
      );
      if (row) changed.push(row);
    } else if (t.status === "completed") {
      const row = await resolveAlert(tx, taskFailedKey(t.id), "the task completed on retry", "cockpit", now);
      if (row) changed.push(row);
    }
  }
  return changed;
}
