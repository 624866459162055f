import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { alertCounts, taskCountsByStatus } from "../db/queries/counts";
import { AGENT_STATUSES, ALERT_SEVERITIES, TASK_STATUSES } from "../protocol/constants";
import type { Family } from "./exposition";
import { instruments } from "./instruments";

/**
 * Every family /api/metrics serves. Gauges come from the trigger-kept counts table and indexed aggregates (each
 * O(statuses), never a scan of all tasks); histograms from this process's instruments.
 */
export async function collectMetrics(now = Date.now()): Promise<Family[]> {
  const db = await getDb();
  const [byStatus, alerts, oldest, agents] = await Promise.all([
    taskCountsByStatus(db),
    alertCounts(db),
    // tasks_status_created_idx answers this with one index seek.
    db.all<{ oldest: number | null }>(sql`SELECT min(created_at) AS oldest FROM cockpit_tasks WHERE status = 'pending'`),
    db.all<{ status: string; connected: number; n: number }>(sql`SELECT status, connected, count(*) AS n FROM cockpit_agents GROUP BY status, connected`),
  ]);
  const oldestPending = oldest[0]?.oldest;
  const agentState = (a: { status: string; connected: number }) => (Number(a.connected) ? a.status : "offline");
  const agentTotals = new Map<string, number>(AGENT_STATUSES.map((s) => [s, 0]));
  for (const a of agents) agentTotals.set(agentState(a), (agentTotals.get(agentState(a)) ?? 0) + Number(a.n));
  const openAlerts = new Map<string, number>(ALERT_SEVERITIES.map((s) => [s, 0]));
  for (const a of alerts) if (!a.acknowledged) openAlerts.set(a.severity, (openAlerts.get(a.severity) ?? 0) + a.n);
  const { dispatchLatency, ingestDelay, ingestBatch } = instruments();

  return [
    {
      name: "cockpit_tasks",
      help: "Tasks by status.",
      type: "gauge",
      samples: TASK_STATUSES.map((status) => ({ labels: { status }, value: byStatus[status] ?? 0 })),
    },
    { name: "cockpit_queue_depth", help: "Pending tasks waiting for an agent.", type: "gauge", samples: [{ value: byStatus.pending ?? 0 }] },
    {
      name: "cockpit_queue_oldest_age_seconds",
      help: "Age of the oldest pending task (0 when the queue is empty).",
      type: "gauge",
      samples: [{ value: oldestPending ? Math.max(0, (now - Number(oldestPending)) / 1000) : 0 }],
    },
    {
      name: "cockpit_agents",
      help: "Known agents by state (offline: not connected).",
      type: "gauge",
      samples: [...agentTotals].map(([state, value]) => ({ labels: { state }, value })),
    },
    {
      name: "cockpit_alerts_open",
      help: "Unacknowledged alerts by severity.",
      type: "gauge",
      samples: [...openAlerts].map(([severity, value]) => ({ labels: { severity }, value })),
    },
    dispatchLatency.family(),
    ingestDelay.family(),
    ingestBatch.family(),
  ];
}
