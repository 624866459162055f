import type { AgentJson, AlertJson, Entity, EntityJson, RepoJson, TaskJson } from "./types";

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0);

/**
 * How new a row is, so a late or replayed change never overwrites a newer one (ties apply: same-ms updates are
 * delivered in order). Acknowledgement only ever moves forward, so it outranks any time.
 */
export const versionOf: { [E in Entity]: (row: EntityJson[E]) => number } = {
  task: (t: TaskJson) => ms(t.updatedAt),
  repo: (r: RepoJson) => ms(r.lastChecked),
  alert: (a: AlertJson) => (a.acknowledged ? Number.MAX_SAFE_INTEGER : ms(a.createdAt)),
  agent: (a: AgentJson) => Math.max(ms(a.lastSeenAt), ms(a.lastPingAt), ms(a.disconnectedAt), ms(a.connectedAt)),
};

export const keyOf: { [E in Entity]: (row: EntityJson[E]) => string } = {
  task: (t: TaskJson) => t.id,
  repo: (r: RepoJson) => r.key,
  alert: (a: AlertJson) => a.id,
  agent: (a: AgentJson) => a.agentId,
};

/** Upserts `incoming` into `rows` unless it is older; drops it if it no longer matches the view's filter. */
export function mergeRow<E extends Entity>(
  entity: E,
  rows: EntityJson[E][],
  incoming: EntityJson[E],
  view: { matches: (row: EntityJson[E]) => boolean; acceptNew: boolean; compare: (a: EntityJson[E], b: EntityJson[E]) => number },
): EntityJson[E][] {
  const key = keyOf[entity](incoming);
  const index = rows.findIndex((r) => keyOf[entity](r) === key);
  if (index >= 0) {
    const current = rows[index]!;
    if (versionOf[entity](incoming) < versionOf[entity](current)) return rows;
    if (!view.matches(incoming)) return rows.filter((_, i) => i !== index);
    const next = rows.slice();
    next[index] = incoming;
    return next.sort(view.compare);
  }
  if (!view.acceptNew || !view.matches(incoming)) return rows;
  return [...rows, incoming].sort(view.compare);
}
