import "server-only";
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { TaskStatus } from "../protocol/common";
import type { Cursor } from "../http/paging";
import type { Db } from "../db/client";
import { taskCountsByStatus } from "../db/queries/counts";
import { taskAttempts, taskEvents, tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { madeCommitCondition } from "../git-safety/provenance-store";
import { prepared } from "../db/prepared";

/** Task reads. Every task query takes the db handle first and one options object (see also store-*.ts). */

export type TaskFilter = { status?: TaskStatus; executor?: string; search?: string; agentId?: string; commit?: string };

export function filterWhere(f: TaskFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(tasks.status, f.status));
  if (f.executor) parts.push(eq(tasks.executor, f.executor));
  if (f.agentId) parts.push(eq(tasks.assignedAgentId, f.agentId));
  if (f.commit) parts.push(madeCommitCondition(tasks.id, f.commit));
  if (f.search) parts.push(sql`${tasks.title} LIKE ${`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  return parts.length ? and(...parts) : undefined;
}

/** Newest first, keyset-paged on (created_at, id) in the row-value form the index serves. */
export async function listTasks(db: Db, f: TaskFilter & { limit: number; cursor?: Cursor }): Promise<{ rows: TaskRow[]; total: number }> {
  const where = filterWhere(f);
  const keyset = f.cursor ? sql`(${tasks.createdAt}, ${tasks.id}) < (${f.cursor.createdAt}, ${f.cursor.id})` : undefined;
  const rows = await db
    .select()
    .from(tasks)
    .where(and(where, keyset))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(f.limit + 1);
  return { rows, total: await totalFor(db, f, where) };
}

/** Status-only filters read the trigger-kept counts; other filters count their (indexed) rows. */
async function totalFor(db: Db, f: TaskFilter, where: SQL | undefined): Promise<number> {
  if (!f.executor && !f.search && !f.agentId && !f.commit) {
    const byStatus = await taskCountsByStatus(db);
    return f.status ? (byStatus[f.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + b, 0);
  }
  const [totalRow] = await db.select({ n: count() }).from(tasks).where(where);
  return totalRow?.n ?? 0;
}

export async function getTask(db: Db, { id }: { id: string }): Promise<TaskRow | undefined> {
  return prepared(db, "task by id", (d) => d.query.tasks.findFirst({ where: eq(tasks.id, sql.placeholder("id")) })).execute({ id });
}

export async function countTasksByStatus(db: Db): Promise<Record<string, number>> {
  return taskCountsByStatus(db);
}

/** A fan-out parent's children, in child order; `open` keeps only those not ended yet. */
export async function listChildren(db: Db, { parentId, open = false }: { parentId: string; open?: boolean }): Promise<TaskRow[]> {
  const where = open ? and(eq(tasks.parentId, parentId), inArray(tasks.status, ["pending", "assigned", "running"])) : eq(tasks.parentId, parentId);
  return db.select().from(tasks).where(where).orderBy(tasks.id);
}

export async function listTaskEvents(db: Db, { taskId }: { taskId: string }) {
  return db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(taskEvents.id);
}

export async function listAttempts(db: Db, { taskId }: { taskId: string }) {
  return db.select().from(taskAttempts).where(eq(taskAttempts.taskId, taskId)).orderBy(taskAttempts.attempt);
}

export async function getAttempt(db: Db, { taskId, attempt }: { taskId: string; attempt: number }) {
  return db.query.taskAttempts.findFirst({ where: and(eq(taskAttempts.taskId, taskId), eq(taskAttempts.attempt, attempt)) });
}

/** Bulk commands select by ids, status or executor, bounded so one request cannot lock the table long. */
export async function selectForBulk(
  db: Db,
  { ids, status, executor, limit }: { ids?: string[]; status?: TaskStatus; executor?: string; limit: number },
): Promise<string[]> {
  const parts: SQL[] = [];
  if (ids) parts.push(inArray(tasks.id, ids));
  if (status) parts.push(eq(tasks.status, status));
  if (executor) parts.push(eq(tasks.executor, executor));
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(...parts))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Task ids each agent currently holds (assigned or running). */
export async function activeTasksByAgent(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ id: tasks.id, agentId: tasks.assignedAgentId })
    .from(tasks)
    .where(inArray(tasks.status, ["assigned", "running"]));
  const map = new Map<string, string[]>();
  for (const r of rows) if (r.agentId) map.set(r.agentId, [...(map.get(r.agentId) ?? []), r.id]);
  return map;
}
