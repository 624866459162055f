import "server-only";
import { and, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { gitRepos } from "../db/schema";
import type { RepoRow } from "../db/serialize";
import type { ConflictSide } from "./radar-alerts";

export type Conflict = { identity: string; a: ConflictSide; b: ConflictSide; files: string[] };

/** Files a checkout has touched and no remote holds: uncommitted and in unpushed commits. */
function touched(r: RepoRow): Set<string> {
  return new Set([...r.modifiedFiles, ...r.unpushedFiles]);
}

const side = (r: RepoRow): ConflictSide => ({ agentId: r.agentId, branch: r.branch, path: r.path, head: r.headCommit, unpushedCount: r.unpushedCount });

/** Pure: every pair of checkouts of one identity, on different agents, whose touched files overlap. */
export function overlappingPairs(rows: readonly RepoRow[]): Conflict[] {
  const byIdentity = new Map<string, RepoRow[]>();
  for (const r of rows) if (r.remoteIdentity) byIdentity.set(r.remoteIdentity, [...(byIdentity.get(r.remoteIdentity) ?? []), r]);
  const found: Conflict[] = [];
  for (const [identity, list] of byIdentity) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i] as RepoRow, list[j] as RepoRow];
        if (a.agentId === b.agentId) continue;
        const theirs = touched(b);
        const files = [...touched(a)].filter((f) => theirs.has(f)).sort();
        if (files.length > 0) found.push({ identity, a: side(a), b: side(b), files });
      }
    }
  }
  return found;
}

export async function findConflicts(db: Db): Promise<Conflict[]> {
  return overlappingPairs(await reposWithSharedIdentity(db));
}

/** Repositories of one identity held by more than one agent with local changes: the conflict radar's input. */
export async function reposWithSharedIdentity(db: Db): Promise<RepoRow[]> {
  const shared = db
    .select({ identity: gitRepos.remoteIdentity })
    .from(gitRepos)
    .where(and(isNotNull(gitRepos.remoteIdentity), sql`(${gitRepos.uncommittedCount} > 0 OR ${gitRepos.unpushedCount} > 0)`))
    .groupBy(gitRepos.remoteIdentity)
    .having(sql`count(DISTINCT ${gitRepos.agentId}) > 1`);
  return db
    .select()
    .from(gitRepos)
    .where(and(sql`${gitRepos.remoteIdentity} IN ${shared}`, sql`(${gitRepos.uncommittedCount} > 0 OR ${gitRepos.unpushedCount} > 0)`))
    .orderBy(gitRepos.remoteIdentity, gitRepos.agentId);
}
