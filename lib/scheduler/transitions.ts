import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { TaskResultFrame } from "../protocol/agent-frames";
import type { Db } from "../db/client";
import { taskEvents, tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";

/** Task state changes, each guarded by the state it expects and recorded in the task's history. */

async function transition(
  db: Db,
  taskId: string,
  expect: { statuses: string[]; agentId?: string },
  set: Partial<typeof tasks.$inferInsert>,
  event: { type: string; agentId?: string | null; message?: string },
): Promise<TaskRow | null> {
  const now = Date.now();
  const current = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
  if (!current) return null;
  const conditions = [eq(tasks.id, taskId), inArray(tasks.status, expect.statuses)];
  if (expect.agentId !== undefined) conditions.push(eq(tasks.assignedAgentId, expect.agentId));
  const [row] = await db.update(tasks).set({ ...set, updatedAt: now }).where(and(...conditions)).returning();
  if (!row) return null;
  await db.insert(taskEvents).values({
    taskId,
    type: event.type,
    fromStatus: current.status,
    toStatus: row.status,
    agentId: event.agentId ?? row.assignedAgentId,
    attempt: row.attempt,
    message: event.message ?? null,
    createdAt: now,
  });
  return row;
}

/** assigned → running: the agent accepted the task (or, for a spec-only agent, the task frame reached it). */
export function markRunning(db: Db, taskId: string, agentId: string, how: "delivered" | "accepted") {
  return transition(db, taskId, { statuses: ["assigned"], agentId }, { status: "running" }, { type: how, agentId });
}

/** The hub could not hand the task over (the agent just left): back to the queue, attempt not spent. */
export async function requeue(db: Db, taskId: string, agentId: string, reason: string) {
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
  if (!task) return null;
  return transition(
    db,
    taskId,
    { statuses: ["assigned"], agentId },
    { status: "pending", assignedAgentId: null, assignedAt: null, attempt: Math.max(0, task.attempt - 1) },
    { type: "requeued", agentId, message: reason },
  );
}

export type ResultOutcome = { accepted: true; task: TaskRow } | { accepted: false; reason: string };

/** A result counts only from the agent holding the task, and only once. */
export async function applyResult(db: Db, agentId: string, frame: TaskResultFrame): Promise<ResultOutcome> {
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, frame.taskId) });
  if (!task) return { accepted: false, reason: "unknown task" };
  if (task.assignedAgentId !== agentId) return { accepted: false, reason: "task is not assigned to this agent" };
  if (task.status !== "assigned" && task.status !== "running") return { accepted: false, reason: `task is already ${task.status}` };
  const row = await transition(
    db,
    frame.taskId,
    { statuses: ["assigned", "running"], agentId },
    { status: frame.status, result: frame.result ?? null, logs: frame.logs ?? null, completedAt: Date.now(), error: frame.status === "failed" ? describeFailure(frame.result) : null },
    { type: frame.status, agentId },
  );
  return row ? { accepted: true, task: row } : { accepted: false, reason: "task changed state meanwhile" };
}

function describeFailure(result: unknown): string | null {
  if (typeof result === "string") return result.slice(0, 2000);
  if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    const text = r.error ?? r.message ?? r.reason;
    if (typeof text === "string") return text.slice(0, 2000);
  }
  return null;
}
