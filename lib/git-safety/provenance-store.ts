import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskCommits } from "../db/schema";
import type { Provenance } from "../protocol/git-safety";

/** Indexes the commits a task made (from its provenance), so `?commit=<prefix>` finds the task. */
export async function recordTaskCommits(tx: Db, taskId: string, provenance: Provenance | undefined, now = Date.now()): Promise<void> {
  const shas = [...new Set((provenance?.commits ?? []).map((c) => c.sha.toLowerCase()))];
  if (shas.length === 0) return;
  await tx
    .insert(taskCommits)
    .values(shas.map((sha) => ({ sha, taskId, createdAt: now })))
    .onConflictDoNothing();
}

/** Tasks that made a commit starting with `prefix` (a range on the sha index, not a scan). */
export function madeCommitCondition(taskIdColumn: SQL | unknown, prefix: string): SQL {
  const low = prefix.toLowerCase();
  return sql`${taskIdColumn} IN (SELECT task_id FROM cockpit_task_commits WHERE sha >= ${low} AND sha < ${`${low}g`})`;
}
