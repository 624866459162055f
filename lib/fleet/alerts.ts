import "server-only";
import type { Db } from "../db/client";
import { insertAlert } from "../db/queries/alerts";
import type { AlertRow } from "../db/serialize";

/**
 * The fleet's one door to alerts. Raises go through insertAlert with a stable dedupKey; resolves are no-ops until
 * the alert lifecycle (issue 13, lib/alerts/) lands, when the lead wires them to it.
 */

export type RaisedAlert = AlertRow | null;
const kept = (row: AlertRow | "duplicate"): RaisedAlert => (row === "duplicate" ? null : row);

export const agentLostKey = (agentId: string) => `agent-lost:${agentId}`;
export const diskFullKey = (agentId: string, path: string) => `disk-full:${agentId}:${path}`;
export const batteryLowKey = (agentId: string) => `battery-low:${agentId}`;
export const failingAgentKey = (agentId: string) => `agent-failing:${agentId}`;

/** The agent went away without saying goodbye: unreachable (silent) or crashed (socket closed). */
export async function raiseAgentLost(tx: Db, agentId: string, how: "unreachable" | "crashed"): Promise<RaisedAlert> {
  // The unreachable title is the one the hub's stale alert always had.
  const title = how === "crashed" ? `Agent ${agentId} crashed` : `Agent ${agentId} stopped answering pings`;
  const message =
    how === "crashed"
      ? "Its connection closed without a goodbye; the attempts it held were given up."
      : "No pong for the stale timeout; the hub closed its connection. It may be asleep; its tasks wait for the silent-agent grace.";
  return kept(
    await insertAlert(
      {
        severity: how === "crashed" ? "critical" : "warning",
        title,
        message,
        source: "hub",
        agentId,
        metadata: { dedupKey: agentLostKey(agentId), kind: `agent-${how}` },
      },
      tx,
    ),
  );
}

/** The agent is back (or left properly): its lost alert is resolved. No-op until issue 13's lifecycle is merged. */
export async function resolveAgentLost(_agentId: string): Promise<void> {
  // Wired to lib/alerts (resolve by dedupKey agentLostKey(agentId)) at merge.
}

export async function raiseDiskNearlyFull(tx: Db, agentId: string, path: string, freeBytes: number, usedPercent: number): Promise<RaisedAlert> {
  return kept(
    await insertAlert(
      {
        severity: "warning",
        title: `Disk nearly full on ${agentId}`,
        message: `${path}: ${usedPercent.toFixed(1)}% used, ${(freeBytes / 1e9).toFixed(1)} GB free.`,
        source: "agent-metrics",
        agentId,
        metadata: { dedupKey: diskFullKey(agentId, path), kind: "disk-nearly-full", path },
      },
      tx,
    ),
  );
}

export async function resolveDiskNearlyFull(_dedupKey: string): Promise<void> {
  // No-op until issue 13's lifecycle: called when the volume has room again.
}

export async function raiseBatteryLow(tx: Db, agentId: string, percent: number): Promise<RaisedAlert> {
  return kept(
    await insertAlert(
      {
        severity: "warning",
        title: `Battery low on ${agentId}`,
        message: `${percent.toFixed(0)}% and on battery: the machine may sleep or shut down mid-task.`,
        source: "agent-metrics",
        agentId,
        metadata: { dedupKey: batteryLowKey(agentId), kind: "battery-low" },
      },
      tx,
    ),
  );
}

export async function resolveBatteryLow(_dedupKey: string): Promise<void> {
  // No-op until issue 13's lifecycle: called when the machine is charging or above the threshold again.
}

export async function raiseFailingAgent(tx: Db, agentId: string, failed: number): Promise<RaisedAlert> {
  return kept(
    await insertAlert(
      {
        severity: "critical",
        title: `Agent ${agentId} fails every task it gets`,
        message: `Its last ${failed} tasks all failed: a misconfigured executor or allowlist? Pause it (POST /api/cockpit/agents/${agentId}/pause) to stop feeding it work.`,
        source: "scheduler",
        agentId,
        metadata: { dedupKey: failingAgentKey(agentId), kind: "agent-failing" },
      },
      tx,
    ),
  );
}

export async function resolveFailingAgent(_dedupKey: string): Promise<void> {
  // No-op until issue 13's lifecycle: called when the agent completes a task again.
}
