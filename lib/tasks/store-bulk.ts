import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { audit } from "../db/queries/audit";
import { tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import type { NewTask } from "./store-create";
import { insertCreatedEvents, insertPendingTasks, storedPendingRow } from "./store-bulk-sql";

/** One item's refusal, by its position in the request. */
export type BulkItemError = { index: number; field: string; message: string };
export type BulkItem = { index: number; task: NewTask & { id: string } };
/** A created task beside its request index (not merged into the row: copying 32-key rows is V8's slow path). */
export type BulkOutcome = { created: { index: number; row: TaskRow }[]; existing: { index: number; id: string }[]; errors: BulkItemError[] };

/** The ids among `ids` that are stored tasks. */
async function existingIds(tx: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(sql`${tasks.id} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])}))`);
  return new Set(rows.map((r) => r.id));
}

/**
 * Inserts many pending tasks in one transaction, one statement each for the rows and their events (store-bulk-sql.ts): a task whose id is already stored is
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
    const createdIds = await insertPendingTasks(
      tx,
      accepted.map((i) => i.task),
      now,
    );
    const created = accepted.filter((i) => createdIds.has(i.task.id)).map((i) => ({ index: i.index, row: storedPendingRow(i.task, now) }));
    const existing = accepted.filter((i) => !createdIds.has(i.task.id)).map((i) => ({ index: i.index, id: i.task.id }));
    await insertCreatedEvents(
      tx,
      created.map((c) => c.row.id),
      "pending",
      `by ${who.name} (bulk)`,
      now,
    );
    if (created.length > 0) await audit({ actor: who.keyId, action: "task.bulk-create", detail: { created: created.length, existing: existing.length } }, tx);
    return { created, existing, errors };
  });
}
