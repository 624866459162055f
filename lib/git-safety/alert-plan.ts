/** Pure: the git radars' alerts (what each says, under which stable key) and what one radar pass changes. */

export const GIT_ALERT_SOURCE = "git-radar";

export type GitAlertKind = "unpushed-work" | "dirty-tree" | "conflict" | "offline-unpushed";

/** The kinds a radar pass owns: it raises them while the condition holds and resolves them when it clears. */
export const RADAR_KINDS = ["unpushed-work", "dirty-tree", "conflict"] as const satisfies readonly GitAlertKind[];

export type GitAlert = {
  kind: GitAlertKind;
  dedupKey: string;
  agentId?: string;
  repoId?: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
};

/** One key per condition (not per occurrence): the lifecycle counts, resolves and reopens it. */
export const gitAlertKeys = {
  unpushed: (agentId: string, path: string) => `git:unpushed:${agentId}:${path}`,
  dirty: (agentId: string, path: string) => `git:dirty:${agentId}:${path}`,
  /** Sorted, so a pair is one key whichever side the radar lists first. */
  conflict: (identity: string, agentA: string, agentB: string) => `git:conflict:${identity}:${[agentA, agentB].sort().join(":")}`,
  offlineUnpushed: (agentId: string) => `git:offline-unpushed:${agentId}`,
};

/** Why an alert a radar pass no longer finds is resolved. */
export const CLEARED_REASON: Record<(typeof RADAR_KINDS)[number], string> = {
  "unpushed-work": "no commit there is unpushed past the limit any more (pushed, or the checkout is gone)",
  "dirty-tree": "the working tree is clean again (or the checkout is gone)",
  conflict: "the two machines no longer have local changes to the same files",
};

/** The stored state of an alert under a wanted key. */
export type ExistingGitAlert = { dedupKey: string; kind: string | null; status: string; message: string | null; resolvedBy: string | null };

export type GitAlertPlan = { raise: GitAlert[]; resolve: { dedupKey: string; reason: string }[] };

/**
 * What one radar pass changes. A wanted alert is raised when it is new, resolved earlier by the radar, or says
 * something new (counts, files, the merge verdict); an open one that says the same is left alone, so a pass every
 * 30 s neither counts repeats nor republishes. One a person resolved stays resolved while the situation is unchanged.
 * An open radar alert no longer wanted is resolved (its condition cleared).
 */
export function planGitAlerts(wanted: readonly GitAlert[], existing: readonly ExistingGitAlert[], open: readonly ExistingGitAlert[]): GitAlertPlan {
  const byKey = new Map(existing.map((e) => [e.dedupKey, e]));
  const wantedKeys = new Set(wanted.map((w) => w.dedupKey));
  const raise = wanted.filter((w) => {
    const e = byKey.get(w.dedupKey);
    if (!e) return true;
    const same = e.message === w.message.slice(0, 2000);
    if (e.status !== "resolved") return !same;
    return !(same && e.resolvedBy !== GIT_ALERT_SOURCE);
  });
  const resolve = open
    .filter((o) => !wantedKeys.has(o.dedupKey) && (RADAR_KINDS as readonly string[]).includes(o.kind ?? ""))
    .map((o) => ({ dedupKey: o.dedupKey, reason: CLEARED_REASON[o.kind as (typeof RADAR_KINDS)[number]] }));
  return { raise, resolve };
}
