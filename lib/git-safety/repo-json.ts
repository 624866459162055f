import { iso } from "../http/time";
import type { gitRepos } from "../db/schema";

type RepoRow = typeof gitRepos.$inferSelect;

/** The git-safety part of a repository's JSON (REST and change frames). */
export function gitSafetyJson(r: RepoRow) {
  return {
    remoteIdentity: r.remoteIdentity,
    headCommit: r.headCommit,
    unpushedCount: r.unpushedCount,
    oldestUnpushedAt: iso(r.oldestUnpushedAt),
    unpushedFiles: r.unpushedFiles,
    stashCount: r.stashCount,
    untrackedCount: r.untrackedCount,
    lastFetchAt: iso(r.lastFetchAt),
    worktrees: r.worktrees.map((w) => ({ ...w, createdAt: w.createdAt === undefined ? null : iso(w.createdAt) })),
    dirtySince: iso(r.dirtySince),
  };
}
