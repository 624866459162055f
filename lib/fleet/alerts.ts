import "server-only";
import type { Db } from "../db/client";
import type { AlertRow } from "../db/serialize";
import { raiseAlert, resolveAlert, type RaiseInput } from "../alerts/raise";
import { agentLostKey } from "../alerts/cockpit-alerts";

/** The fleet's one door to alerts (lib/alerts lifecycle): stable keys, so a repeat counts and a clear resolves. */

export type RaisedAlert = AlertRow | null;
const raise = async (tx: Db, input: RaiseInput): Promise<RaisedAlert> => (await raiseAlert(tx, input)).row;
const resolve = (tx: Db, dedupKey: string, reason: string): Promise<RaisedAlert> => resolveAlert(tx, dedupKey, reason);

export { agentLostKey };
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
  return raise(tx, {
    severity: how === "crashed" ? "critical" : "warning",
    title,
    message,
    source: "hub",
    agentId,
    dedupKey: agentLostKey(agentId),
    // One kind for notification rules; how it went is in the title and metadata.
    kind: "agent-lost",
    metadata: { how },
  });
}

export async function raiseDiskNearlyFull(tx: Db, agentId: string, path: string, freeBytes: number, usedPercent: number): Promise<RaisedAlert> {
  return raise(tx, {
    severity: "warning",
    title: `Disk nearly full on ${agentId}`,
    message: `${path}: ${usedPercent.toFixed(1)}% used, ${(freeBytes / 1e9).toFixed(1)} GB free.`,
    source: "agent-metrics",
    agentId,
    dedupKey: diskFullKey(agentId, path),
    kind: "disk-nearly-full",
    metadata: { path },
  });
}

export function resolveDiskNearlyFull(tx: Db, dedupKey: string): Promise<RaisedAlert> {
  return resolve(tx, dedupKey, "the volume has room again");
}

export async function raiseBatteryLow(tx: Db, agentId: string, percent: number): Promise<RaisedAlert> {
  return raise(tx, {
    severity: "warning",
    title: `Battery low on ${agentId}`,
    message: `${percent.toFixed(0)}% and on battery: the machine may sleep or shut down mid-task.`,
    source: "agent-metrics",
    agentId,
    dedupKey: batteryLowKey(agentId),
    kind: "battery-low",
  });
}

export function resolveBatteryLow(tx: Db, dedupKey: string): Promise<RaisedAlert> {
  return resolve(tx, dedupKey, "charging or above the threshold again");
}

export async function raiseFailingAgent(tx: Db, agentId: string, failed: number): Promise<RaisedAlert> {
  return raise(tx, {
    severity: "critical",
    title: `Agent ${agentId} fails every task it gets`,
    message: `Its last ${failed} tasks all failed: a misconfigured executor or allowlist? Pause it (POST /api/cockpit/agents/${agentId}/pause) to stop feeding it work.`,
    source: "scheduler",
    agentId,
    dedupKey: failingAgentKey(agentId),
    kind: "agent-failing",
  });
}

export function resolveFailingAgent(tx: Db, dedupKey: string): Promise<RaisedAlert> {
  return resolve(tx, dedupKey, "the agent completed a task again");
}
