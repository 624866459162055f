import "server-only";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { TaskPriority } from "../protocol/common";
import type { RequiresRepo } from "../protocol/git-safety";
import type { Db } from "../db/client";
import { tasks } from "../db/schema";
import { recordTaskEvent } from "./history";
import { prepared, shaped } from "../db/prepared";
import type { TaskRow } from "../db/serialize";
import { PRIORITY_RANK, fanOutChildId } from "./rules";

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
  requiresRepo?: RequiresRepo;
};

export type InsertOutcome = TaskRow | "duplicate" | { missingDependency: string } | { duplicateChild: string };

/** Thrown inside the insert's transaction to roll the parent back when a child's id is taken. */
class ChildIdTaken extends Error {
  constructor(readonly childId: string) {
    super(`fan-out child id ${childId} is taken`);
  }
}

/** The columns of a new pending task (bulk inserts share it: store-bulk.ts). */
export function rowValues(input: NewTask, id: string, now: number) {
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
    requiresRepo: input.requiresRepo ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** INSERT … ON CONFLICT DO NOTHING RETURNING the row: nothing back means the id is taken. Built once per set of
 *  columns (lib/db/prepared.ts). */
async function insertPending(tx: Db, values: ReturnType<typeof rowValues> & Partial<typeof tasks.$inferInsert>): Promise<TaskRow[]> {
  const row = shaped(values);
  const insert = prepared(tx, `task insert ${row.shape}`, (d) =>
    d
      .insert(tasks)
      .values(row.marks as never)
      .onConflictDoNothing()
      .returning(),
  );
  return insert.all(row.bound);
}

/**
 * Inserts the task as pending with its first history event; a duplicate id is reported, not overwritten. A fan-out
 * task becomes a parent (running, never run itself) with one pending child per agent, all in one transaction: a
 * child id already taken by another task is reported and nothing is stored.
 */
export async function insertTask(db: Db, input: NewTask, alongside?: (tx: Db, row: TaskRow) => Promise<void>): Promise<InsertOutcome> {
  try {
    return await insertTaskOnce(db, input, alongside);
  } catch (error) {
    if (error instanceof ChildIdTaken) return { duplicateChild: error.childId };
    throw error;
  }
}

/** `alongside` writes more in the same transaction (the audit entry): one commit per created task. */
async function insertTaskOnce(db: Db, input: NewTask, alongside?: (tx: Db, row: TaskRow) => Promise<void>): Promise<InsertOutcome> {
  const now = Date.now();
  const id = input.id ?? `task_${randomUUID()}`;
  return db.transaction(async (tx) => {
    for (const dep of input.dependsOn ?? []) {
      if (!(await tx.query.tasks.findFirst({ where: eq(tasks.id, dep), columns: { id: true } }))) return { missingDependency: dep };
    }
    const fanOut = input.fanOutAgents;
    const parentValues = fanOut ? { ...rowValues(input, id, now), kind: "fan-out", status: "running", startedAt: now } : rowValues(input, id, now);
    const [row] = await insertPending(tx, parentValues);
    if (!row) return "duplicate" as const;
    await recordTaskEvent(tx, { taskId: id, type: "created", toStatus: row.status, message: `by ${input.createdBy}`, createdAt: now });
    for (const [i, agentId] of (fanOut ?? []).entries()) {
      const childId = fanOutChildId(id, i + 1);
      const child = { ...rowValues({ ...input, title: `${input.title} @ ${agentId}`, targetAgentId: agentId, requires: [] }, childId, now), parentId: id };
      const [stored] = await insertPending(tx, child);
      if (!stored) throw new ChildIdTaken(childId);
      await recordTaskEvent(tx, { taskId: childId, type: "created", toStatus: "pending", message: `fan-out child of ${id}`, createdAt: now });
    }
    await alongside?.(tx, row);
    return row;
  });
}
