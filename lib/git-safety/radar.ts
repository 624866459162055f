import "server-only";
import { and, gt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { gitRepos } from "../db/schema";
import type { AlertRow, RepoRow } from "../db/serialize";
import { formatAge } from "./age";
import { raiseConflict, raiseDirtyTree, raiseUnpushedWork } from "./alerts";
import { findConflicts } from "./conflicts";

export type RadarOptions = { unpushedAfterMs: number; dirtyAfterMs: number; now?: number };

const atRisk = (r: RepoRow) => ({ agentId: r.agentId, path: r.path, name: r.name, branch: r.branch, repoId: r.id, remoteIdentity: r.remoteIdentity });

/** One pass of the unpushed-work and conflict radars; returns the alerts raised now. */
export async function runGitRadar(db: Db, { unpushedAfterMs, dirtyAfterMs, now = Date.now() }: RadarOptions): Promise<AlertRow[]> {
  const raised: AlertRow[] = [];
  const keep = (row: AlertRow | null) => row && raised.push(row);
  const unpushed = await db
    .select()
    .from(gitRepos)
    .where(and(gt(gitRepos.unpushedCount, 0), lte(gitRepos.oldestUnpushedAt, now - unpushedAfterMs)));
  for (const r of unpushed) {
    if (r.oldestUnpushedAt === null) continue;
    keep(
      await raiseUnpushedWork(db, { ...atRisk(r), unpushedCount: r.unpushedCount, oldestUnpushedAt: r.oldestUnpushedAt }, formatAge(now - r.oldestUnpushedAt)),
    );
  }
  const dirty = await db
    .select()
    .from(gitRepos)
    .where(and(gt(gitRepos.uncommittedCount, 0), lte(gitRepos.dirtySince, now - dirtyAfterMs)));
  for (const r of dirty) {
    if (r.dirtySince === null) continue;
    keep(await raiseDirtyTree(db, { ...atRisk(r), uncommittedCount: r.uncommittedCount, dirtySince: r.dirtySince }, formatAge(now - r.dirtySince)));
  }
  for (const c of await findConflicts(db)) keep(await raiseConflict(db, c.identity, c.a, c.b, c.files));
  return raised;
}
