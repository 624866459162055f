import type { AgentJson, AlertJson, Entity, EntityJson, RepoJson, TaskJson } from "./types";

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/**
 * How new a row is, so a late or replayed change never overwrites a newer one (ties apply: same-ms updates are
 * delivered in order). An alert's newest time is its version: every change stamps one (trigger, repeat, acknowledge,
 * resolve, undo of an acknowledgement), so an undone acknowledgement outranks the acknowledgement it undid.
 */
export const versionOf: { [E in Entity]: (row: EntityJson[E]) => number } = {
  task: (t: TaskJson) => ms(t.updatedAt),
  repo: (r: RepoJson) => ms(r.lastChecked),
  alert: (a: AlertJson) => Math.max(ms(a.createdAt), ms(a.triggeredAt), ms(a.lastSeenAt), ms(a.acknowledgedAt), ms(a.resolvedAt), ms(a.unacknowledgedAt)),
  agent: (a: AgentJson) => Math.max(ms(a.lastSeenAt), ms(a.lastPingAt), ms(a.disconnectedAt), ms(a.connectedAt)),
};

export const keyOf: { [E in Entity]: (row: EntityJson[E]) => string } = {
  task: (t: TaskJson) => t.id,
  repo: (r: RepoJson) => r.key,
  alert: (a: AlertJson) => a.id,
  agent: (a: AgentJson) => a.agentId,
};
