import { sql, type SQL } from "drizzle-orm";
import { gitRepos } from "../db/schema";
import type { GitRepo } from "../protocol/agent-frames";

/** The git-safety columns of one reported repository (absent fields from spec-only agents become defaults). */
export function gitSafetyValues(r: GitRepo, now: number) {
  return {
    remoteIdentity: r.remoteIdentity ?? null,
    headCommit: r.headCommit ?? null,
    unpushedCount: r.unpushedCount ?? 0,
    oldestUnpushedAt: r.oldestUnpushedAt ?? null,
    unpushedFiles: r.unpushedFiles ?? [],
    stashCount: r.stashCount ?? 0,
    untrackedCount: r.untrackedCount ?? 0,
    lastFetchAt: r.lastFetchAt ?? null,
    worktrees: r.worktrees ?? [],
    dirtySince: (r.uncommittedCount ?? 0) > 0 ? now : null,
  };
}

/** On a repeated report: overwrite, except dirty_since, which keeps the first dirty report until the tree is clean. */
export const GIT_SAFETY_UPDATE = {
  remoteIdentity: sql.raw("excluded.remote_identity"),
  headCommit: sql.raw("excluded.head_commit"),
  unpushedCount: sql.raw("excluded.unpushed_count"),
  oldestUnpushedAt: sql.raw("excluded.oldest_unpushed_at"),
  unpushedFiles: sql.raw("excluded.unpushed_files"),
  stashCount: sql.raw("excluded.stash_count"),
  untrackedCount: sql.raw("excluded.untracked_count"),
  lastFetchAt: sql.raw("excluded.last_fetch_at"),
  worktrees: sql.raw("excluded.worktrees"),
  dirtySince: sql.raw("CASE WHEN excluded.dirty_since IS NULL THEN NULL ELSE COALESCE(cockpit_git_repos.dirty_since, excluded.dirty_since) END"),
};

/** Name, path or remote identity containing the text (LIKE with its wildcards escaped). */
export function repoSearchCondition(text: string): SQL {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${gitRepos.name} LIKE ${like} ESCAPE '\\' OR ${gitRepos.path} LIKE ${like} ESCAPE '\\' OR ${gitRepos.remoteIdentity} LIKE ${like} ESCAPE '\\')`;
}
