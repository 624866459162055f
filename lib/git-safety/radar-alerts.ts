import { gitAlertKeys, type GitAlert } from "./alert-plan";
import type { MergeCheckView } from "./merge-check-view";

/** Pure: what each radar says about a checkout or a pair of checkouts (see alert-plan.ts for what a pass changes). */

export type RepoAtRisk = { agentId: string; path: string; name: string; branch: string | null; repoId: string; remoteIdentity: string | null };

export type ConflictSide = { agentId: string; branch: string | null; path: string; head: string | null; unpushedCount: number };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function unpushedWorkAlert(r: RepoAtRisk & { unpushedCount: number; oldestUnpushedAt: number }, ageText: string): GitAlert {
  return {
    kind: "unpushed-work",
    dedupKey: gitAlertKeys.unpushed(r.agentId, r.path),
    agentId: r.agentId,
    repoId: r.repoId,
    title: `${r.agentId}: ${plural(r.unpushedCount, "unpushed commit")} in ${r.name} for ${ageText}`,
    message: `${r.path} on ${r.branch ?? "no branch"} holds ${r.unpushedCount} commit(s) no remote has, the oldest from ${new Date(r.oldestUnpushedAt).toISOString()}. Push them before the machine goes away.`,
    metadata: { repoId: r.repoId, path: r.path, remoteIdentity: r.remoteIdentity, unpushedCount: r.unpushedCount },
  };
}

export function dirtyTreeAlert(r: RepoAtRisk & { uncommittedCount: number; dirtySince: number }, ageText: string): GitAlert {
  return {
    kind: "dirty-tree",
    dedupKey: gitAlertKeys.dirty(r.agentId, r.path),
    agentId: r.agentId,
    repoId: r.repoId,
    title: `${r.agentId}: ${r.name} has had uncommitted changes for ${ageText}`,
    message: `${r.path} on ${r.branch ?? "no branch"}: ${r.uncommittedCount} uncommitted change(s) since ${new Date(r.dirtySince).toISOString()}.`,
    metadata: { repoId: r.repoId, path: r.path, remoteIdentity: r.remoteIdentity },
  };
}

/** The merge verdict as one sentence of the conflict alert. */
export function mergeSentence(check: MergeCheckView | null): string {
  if (!check) return "";
  const on = check.agentId ? ` (git merge-tree on ${check.agentId})` : "";
  switch (check.verdict) {
    case "pending":
      return ` Checking whether their commits merge cleanly${on}…`;
    case "clean":
      return ` Their commits merge cleanly${on}; uncommitted changes are not part of the check.`;
    case "conflicting":
      return ` Their commits conflict when merged${on}: ${check.conflicts.slice(0, 10).join(", ")}.`;
    case "unknown":
      return ` Whether their commits merge is unknown: ${check.reason ?? "no machine has both sides' commits"}.`;
  }
}

export function conflictAlert(identity: string, a: ConflictSide, b: ConflictSide, files: string[], check: MergeCheckView | null): GitAlert {
  const shown = files.slice(0, 10).join(", ") + (files.length > 10 ? `, … (${files.length} files)` : "");
  return {
    kind: "conflict",
    dedupKey: gitAlertKeys.conflict(identity, a.agentId, b.agentId),
    title: `Possible conflict in ${identity}: ${a.agentId} and ${b.agentId} both changed ${plural(files.length, "file")}`,
    message:
      `${a.agentId} (${a.branch ?? "no branch"}) and ${b.agentId} (${b.branch ?? "no branch"}) have unpushed or uncommitted changes to the same files: ${shown}.` +
      mergeSentence(check),
    metadata: {
      remoteIdentity: identity,
      files: files.slice(0, 100),
      sides: [a, b],
    },
  };
}
