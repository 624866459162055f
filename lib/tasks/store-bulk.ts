import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { audit } from "../db/queries/audit";
import { taskEvents, tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { rowValues, type NewTask } from "./store-create";

/** One item's refusal, by its position in the request. */
export type BulkItemError = { index: number; field: string; message: string };
export type BulkItem = { index: number; task: NewTask & { id: string } };
export type BulkOutcome = { created: (TaskRow & { index: number })[]; existing: { index: number; id: string }[]; errors: BulkItemError[] };

/** Rows per multi-row INSERT: ~27 bound values a task stays far below SQLite's 32,766 variables per statement. */
const ROWS_PER_INSERT = 500;
/** Ids per `IN (…)` lookup. */
const IDS_PER_LOOKUP = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The ids among `ids` that are stored tasks. */
async function existingIds(tx: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], IDS_PER_LOOKUP))
    for (const row of await tx.select({ id: tasks.id }).from(tasks).where(inArray(tasks.id, part))) found.add(row.id);
  return found;
}

/**
 * Inserts many pending tasks in one transaction with multi-row statements: a task whose id is already stored is
 * reported as existing (a retried request creates nothing twice); one whose dependency is neither stored nor in this
 * batch is refused; one audit row for the request. Dispatch is the caller's, after the commit.
 */
export async function insertTasksBulk(db: Db, items: readonly BulkItem[], who: { keyId: string; name: string }): Promise<BulkOutcome> {
  const now = Date.now();
  return db.transaction(async (tx) => {
    const errors: BulkItemError[] = [];
    const inBatch = new Set(items.map((i) => i.task.id));
    const known = await existingIds(
      tx,
      items.flatMap((i) => (i.task.dependsOn ?? []).filter((d) => !inBatch.has(d))),
    );
    const accepted = items.filter((item) => {
      const missing = (item.task.dependsOn ?? []).find((d) => !inBatch.has(d) && !known.has(d));
      if (missing !== undefined) errors.push({ index: item.index, field: "dependsOn", message: `dependsOn: no task ${missing}` });
      return missing === undefined;
    });
    const created: BulkOutcome["created"] = [];
    const indexOf = new Map(accepted.map((i) => [i.task.id, i.index]));
    for (const part of chunks(accepted, ROWS_PER_INSERT)) {
      const rows = await tx
        .insert(tasks)
        .values(part.map((i) => rowValues(i.task, i.task.id, now)))
        .onConflictDoNothing()
        .returning();
      for (const row of rows) created.push({ ...row, index: indexOf.get(row.id)! });
    }
    const createdIds = new Set(created.map((r) => r.id));
    const existing = accepted.filter((i) => !createdIds.has(i.task.id)).map((i) => ({ index: i.index, id: i.task.id }));
    for (const part of chunks(created, ROWS_PER_INSERT)) {
      await tx
        .insert(taskEvents)
        .values(part.map((r) => ({ taskId: r.id, type: "created", toStatus: r.status, message: `by ${who.name} (bulk)`, createdAt: now })));
    }
    if (created.length > 0) await audit({ actor: who.keyId, action: "task.bulk-create", detail: { created: created.length, existing: existing.length } }, tx);
    created.sort((a, b) => a.index - b.index);
    return { created, existing, errors };
  });
}
