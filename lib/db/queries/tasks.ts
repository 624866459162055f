import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { TaskPriority, TaskStatus } from "../../protocol/common";
import type { Cursor } from "../../http/paging";
import { getDb, type Db } from "../client";
import { taskCountsByStatus } from "./counts";
import { taskAttempts, taskEvents, tasks } from "../schema";
import type { TaskRow } from "../serialize";
import { fanOutChildId } from "../../scheduler/fan-out-ids";

export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

export type TaskFilter = { status?: TaskStatus; executor?: string; search?: string; agentId?: string };

function filterWhere(f: TaskFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(tasks.status, f.status));
  if (f.executor) parts.push(eq(tasks.executor, f.executor));
  if (f.agentId) parts.push(eq(tasks.assignedAgentId, f.agentId));
  if (f.search) parts.push(sql`${tasks.title} LIKE ${`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  return parts.length ? and(...parts) : undefined;
}

/** Newest first, keyset-paged on (created_at, id) in the row-value form the index serves. */
export async function listTasks(f: TaskFilter & { limit: number; cursor?: Cursor }): Promise<{ rows: TaskRow[]; total: number }> {
  const db = await getDb();
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
  if (!f.executor && !f.search && !f.agentId) {
    const byStatus = await taskCountsByStatus(db);
    return f.status ? (byStatus[f.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + b, 0);
  }
  const [totalRow] = await db.select({ n: count() }).from(tasks).where(where);
  return totalRow?.n ?? 0;
}

export async function getTask(id: string, db?: Db): Promise<TaskRow | undefined> {
  return (db ?? (await getDb())).query.tasks.findFirst({ where: eq(tasks.id, id) });
}

export async function countTasksByStatus(): Promise<Record<string, number>> {
  return taskCountsByStatus(await getDb());
}

export type NewTask = {
  id?: string;
  title: string;
  executor: string;
  payload?: unknown;
  priority: TaskPriority;
  requires: string[];
  targetAgentId?: string;
  maxAttempts: number;
  idempotent?: boolean;
  createdBy: string;
  timeoutMs?: number;
  queueTimeoutMs?: number;
  dependsOn?: string[];
  /** Fan-out: the agents that each get a child task. */
  fanOutAgents?: string[];
};

export type InsertOutcome = TaskRow | "duplicate" | { missingDependency: string } | { duplicateChild: string };

/** Thrown inside the insert's transaction to roll the parent back when a child's id is taken. */
class ChildIdTaken extends Error {
  constructor(readonly childId: string) {
    super(`fan-out child id ${childId} is taken`);
  }
}

function rowValues(input: NewTask, id: string, now: number) {
  return {
    id,
    title: input.title,
    executor: input.executor,
    payload: input.payload ?? null,
    status: "pending",
    priority: input.priority,
    priorityRank: PRIORITY_RANK[input.priority],
    requires: input.requires,
    targetAgentId: input.targetAgentId ?? null,
    maxAttempts: input.maxAttempts,
    idempotent: input.idempotent ?? false,
    createdBy: input.createdBy,
    timeoutMs: input.timeoutMs ?? null,
    expiresAt: input.queueTimeoutMs ? now + input.queueTimeoutMs : null,
    dependsOn: input.dependsOn ?? [],
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Inserts the task as pending with its first history event; a duplicate id is reported, not overwritten. A fan-out
 * task becomes a parent (running, never run itself) with one pending child per agent, all in one transaction: a
 * child id already taken by another task is reported and nothing is stored.
 */
export async function insertTask(input: NewTask): Promise<InsertOutcome> {
  try {
    return await insertTaskOnce(input);
  } catch (error) {
    if (error instanceof ChildIdTaken) return { duplicateChild: error.childId };
    throw error;
  }
}

async function insertTaskOnce(input: NewTask): Promise<InsertOutcome> {
  const db = await getDb();
  const now = Date.now();
  const id = input.id ?? `task_${randomUUID()}`;
  return db.transaction(async (tx) => {
    for (const dep of input.dependsOn ?? []) {
      if (!(await tx.query.tasks.findFirst({ where: eq(tasks.id, dep), columns: { id: true } }))) return { missingDependency: dep };
    }
    const fanOut = input.fanOutAgents;
    const parentValues = fanOut ? { ...rowValues(input, id, now), kind: "fan-out", status: "running", startedAt: now } : rowValues(input, id, now);
    const [row] = await tx.insert(tasks).values(parentValues).onConflictDoNothing().returning();
    if (!row) return "duplicate" as const;
    await tx.insert(taskEvents).values({ taskId: id, type: "created", toStatus: row.status, message: `by ${input.createdBy}`, createdAt: now });
    for (const [i, agentId] of (fanOut ?? []).entries()) {
      const childId = fanOutChildId(id, i + 1);
      const child = { ...rowValues({ ...input, title: `${input.title} @ ${agentId}`, targetAgentId: agentId, requires: [] }, childId, now), parentId: id };
      const [stored] = await tx.insert(tasks).values(child).onConflictDoNothing().returning({ id: tasks.id });
      if (!stored) throw new ChildIdTaken(childId);
      await tx.insert(taskEvents).values({ taskId: childId, type: "created", toStatus: "pending", message: `fan-out child of ${id}`, createdAt: now });
    }
    return row;
  });
}

export async function listChildren(parentId: string): Promise<TaskRow[]> {
  const db = await getDb();
  return db.select().from(tasks).where(eq(tasks.parentId, parentId)).orderBy(tasks.id);
}

export async function listTaskEvents(taskId: string) {
  const db = await getDb();
  return db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(taskEvents.id);
}

export async function listAttempts(taskId: string) {
  const db = await getDb();
  return db.select().from(taskAttempts).where(eq(taskAttempts.taskId, taskId)).orderBy(taskAttempts.attempt);
}
