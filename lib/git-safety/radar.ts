import "server-only";
import { and, eq, gt, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { alerts, gitRepos } from "../db/schema";
import type { AlertRow, RepoRow, TaskRow } from "../db/serialize";
import { formatAge } from "./age";
import { GIT_ALERT_SOURCE, RADAR_KINDS, planGitAlerts, type ExistingGitAlert, type GitAlert } from "./alert-plan";
import { raiseGitAlert, resolveGitAlert } from "./alerts";
import { findConflicts } from "./conflicts";
import { runMergeChecks } from "./merge-radar";
import { conflictAlert, dirtyTreeAlert, unpushedWorkAlert } from "./radar-alerts";

export type RadarOptions = { unpushedAfterMs: number; dirtyAfterMs: number; now?: number };

/** SQLite's bound-variable limit stays far away. */
const KEYS_PER_QUERY = 500;

const atRisk = (r: RepoRow) => ({ agentId: r.agentId, path: r.path, name: r.name, branch: r.branch, repoId: r.id, remoteIdentity: r.remoteIdentity });

const existingColumns = { dedupKey: alerts.dedupKey, kind: alerts.kind, status: alerts.status, message: alerts.message, resolvedBy: alerts.resolvedBy };

/** Every alert the radars want raised right now, and the merge-check tasks this pass queued. */
async function wantedAlerts(db: Db, { unpushedAfterMs, dirtyAfterMs, now }: Required<RadarOptions>): Promise<{ wanted: GitAlert[]; started: TaskRow[] }> {
  const wanted: GitAlert[] = [];
  const unpushed = await db
    .select()
    .from(gitRepos)
    .where(and(gt(gitRepos.unpushedCount, 0), lte(gitRepos.oldestUnpushedAt, now - unpushedAfterMs)));
  for (const r of unpushed) {
    if (r.oldestUnpushedAt === null) continue;
    wanted.push(unpushedWorkAlert({ ...atRisk(r), unpushedCount: r.unpushedCount, oldestUnpushedAt: r.oldestUnpushedAt }, formatAge(now - r.oldestUnpushedAt)));
  }
  const dirty = await db
    .select()
    .from(gitRepos)
    .where(and(gt(gitRepos.uncommittedCount, 0), lte(gitRepos.dirtySince, now - dirtyAfterMs)));
  for (const r of dirty) {
    if (r.dirtySince === null) continue;
    wanted.push(dirtyTreeAlert({ ...atRisk(r), uncommittedCount: r.uncommittedCount, dirtySince: r.dirtySince }, formatAge(now - r.dirtySince)));
  }
  const conflicts = await findConflicts(db);
  const { checks, started } = await runMergeChecks(db, conflicts, now);
  for (const [i, c] of conflicts.entries()) wanted.push(conflictAlert(c.identity, c.a, c.b, c.files, checks[i] ?? null));
  return { wanted, started };
}

async function existingFor(db: Db, keys: string[]): Promise<ExistingGitAlert[]> {
  const found: ExistingGitAlert[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .select(existingColumns)
      .from(alerts)
      .where(inArray(alerts.dedupKey, keys.slice(i, i + KEYS_PER_QUERY)));
    for (const r of rows) if (r.dedupKey) found.push({ ...r, dedupKey: r.dedupKey });
  }
  return found;
}

/**
 * One pass of the unpushed-work, dirty-tree and conflict radars through the alert lifecycle: raises what is new or
 * changed, resolves what cleared, and runs the merge checks of conflicting pairs. Returns the alerts it changed
 * and the merge-check tasks it queued.
 */
export async function runGitRadar(db: Db, options: RadarOptions): Promise<{ alerts: AlertRow[]; tasks: TaskRow[] }> {
  const { wanted, started } = await wantedAlerts(db, { ...options, now: options.now ?? Date.now() });
  const open = await db
    .select(existingColumns)
    .from(alerts)
    .where(and(eq(alerts.source, GIT_ALERT_SOURCE), inArray(alerts.kind, [...RADAR_KINDS]), ne(alerts.status, "resolved")));
  const plan = planGitAlerts(
    wanted,
    await existingFor(
      db,
      wanted.map((w) => w.dedupKey),
    ),
    open.flatMap((o) => (o.dedupKey ? [{ ...o, dedupKey: o.dedupKey }] : [])),
  );
  const changed: AlertRow[] = [];
  // Each alert with its timeline entry and notifications in one transaction.
  for (const a of plan.raise) {
    const row = await db.transaction((tx) => raiseGitAlert(tx, a));
    if (row) changed.push(row);
  }
  for (const r of plan.resolve) {
    const row = await db.transaction((tx) => resolveGitAlert(tx, r.dedupKey, r.reason));
    if (row) changed.push(row);
  }
  return { alerts: changed, tasks: started };
}
