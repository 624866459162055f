import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { GitRepo } from "../../protocol/agent-frames";
import type { RepoStatus } from "../../protocol/common";
import type { Cursor } from "../../http/paging";
import { getDb, type Db } from "../client";
import { gitRepos } from "../schema";
import { GIT_SAFETY_UPDATE, gitSafetyValues, repoSearchCondition } from "../../git-safety/repo-columns";
import type { RepoRow } from "../serialize";

export type RepoFilter = { status?: RepoStatus; agentId?: string; search?: string; identity?: string };

function filterWhere(f: RepoFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(gitRepos.status, f.status));
  if (f.agentId) parts.push(eq(gitRepos.agentId, f.agentId));
  if (f.identity) parts.push(eq(gitRepos.remoteIdentity, f.identity));
  if (f.search) parts.push(repoSearchCondition(f.search));
  return parts.length ? and(...parts) : undefined;
}

/** Most recently checked first; the cursor is (last_checked, id). */
export async function listRepos(f: RepoFilter & { limit: number; cursor?: Cursor }): Promise<{ rows: RepoRow[]; total: number }> {
  const db = await getDb();
  const where = filterWhere(f);
  const keyset = f.cursor ? sql`(${gitRepos.lastChecked}, ${gitRepos.key}) < (${f.cursor.createdAt}, ${f.cursor.id})` : undefined;
  const rows = await db
    .select()
    .from(gitRepos)
    .where(and(where, keyset))
    .orderBy(desc(gitRepos.lastChecked), desc(gitRepos.key))
    .limit(f.limit + 1);
  const [totalRow] = await db.select({ n: count() }).from(gitRepos).where(where);
  return { rows, total: totalRow?.n ?? 0 };
}

/**
 * Row key: stable per agent and path, so the same checkout seen by two agents stays two rows. The agent id is
 * percent-encoded (an id may contain ":", never "%"), so `build` + `C:/src/app` and `build:C` + `/src/app` differ.
 */
export function repoKey(agentId: string, path: string): string {
  return `${encodeURIComponent(agentId)}:${path}`;
}

/** Columns a repeated report overwrites (all but id and created_at), taken from the incoming row. */
const REPO_UPDATE = {
  agentId: sql.raw("excluded.agent_id"),
  id: sql.raw("excluded.repo_id"),
  path: sql.raw("excluded.path"),
  name: sql.raw("excluded.name"),
  branch: sql.raw("excluded.branch"),
  status: sql.raw("excluded.status"),
  uncommittedCount: sql.raw("excluded.uncommitted_count"),
  aheadCount: sql.raw("excluded.ahead_count"),
  behindCount: sql.raw("excluded.behind_count"),
  modifiedFiles: sql.raw("excluded.modified_files"),
  error: sql.raw("excluded.error"),
  lastChecked: sql.raw("excluded.last_checked"),
  ...GIT_SAFETY_UPDATE,
};

/** 24 bound values per row: well below SQLite's limit on variables in one statement. */
const REPOS_PER_UPSERT = 100;

/** Upserts one frame's repos in one transaction (the caller's), many rows per statement. */
export async function upsertRepos(tx: Db, agentId: string, repos: GitRepo[], now: number): Promise<RepoRow[]> {
  const rows: RepoRow[] = [];
  const values = repos.map((r) => ({
    key: repoKey(agentId, r.path),
    agentId,
    id: r.id,
    path: r.path,
    name: r.name,
    branch: r.branch ?? null,
    status: r.status ?? null,
    uncommittedCount: r.uncommittedCount ?? 0,
    aheadCount: r.aheadCount ?? 0,
    behindCount: r.behindCount ?? 0,
    modifiedFiles: r.modifiedFiles ?? [],
    error: r.error ?? null,
    lastChecked: now,
    createdAt: now,
    ...gitSafetyValues(r, now),
  }));
  for (let i = 0; i < values.length; i += REPOS_PER_UPSERT) {
    const chunk = values.slice(i, i + REPOS_PER_UPSERT);
    rows.push(
      ...(await tx
        .insert(gitRepos)
        .values(chunk)
        .onConflictDoUpdate({ target: [gitRepos.agentId, gitRepos.path], set: REPO_UPDATE })
        .returning()),
    );
  }
  return rows;
}

export async function countReposByStatus(): Promise<Record<string, number>> {
  const db = await getDb();
  const rows = await db.select({ status: gitRepos.status, n: count() }).from(gitRepos).groupBy(gitRepos.status);
  return Object.fromEntries(rows.map((r) => [r.status ?? "unknown", r.n]));
}
