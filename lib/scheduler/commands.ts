import "server-only";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Notice } from "../bridge/messages";
import type { Db } from "../db/client";
import { tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { taskCancelFrame } from "../protocol/hub-frames";
import { endAttempt, transition } from "./transitions";

export const ENDED = ["completed", "failed", "cancelled", "timed_out"] as const;
export type CommandResult = { row: TaskRow | null; notices: Notice[]; error?: string };

/** Cancels a task: pending at once; assigned or running ends now and the agent is told to stop. Fan-out children too. */
export async function cancelTask(db: Db, id: string, by: string): Promise<CommandResult> {
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, id) });
  if (!task) return { row: null, notices: [], error: "not_found" };
  if ((ENDED as readonly string[]).includes(task.status)) return { row: task, notices: [], error: `task is already ${task.status}` };
  const notices: Notice[] = [];
  const reason = `cancelled by ${by}`;
  let row: TaskRow | null;
  if (task.status === "assigned" || task.status === "running") {
    row = await endAttempt(db, task, "cancelled", reason);
    if (row && task.assignedAgentId) notices.push({ agentId: task.assignedAgentId, frame: taskCancelFrame(id, reason) });
  } else {
    row = await transition(db, id, { statuses: ["pending", "running"] }, { status: "cancelled", error: reason, completedAt: Date.now() }, { type: "cancelled", agentId: null, message: reason });
  }
  if (task.kind === "fan-out") {
    const children = await db.select().from(tasks).where(and(eq(tasks.parentId, id), inArray(tasks.status, ["pending", "assigned", "running"])));
    for (const child of children) notices.push(...(await cancelTask(db, child.id, by)).notices);
  }
  return { row, notices };
}

/** Runs an ended task again: one more attempt, from the queue, now. */
export async function retryTask(db: Db, id: string, by: string): Promise<CommandResult> {
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, id) });
  if (!task) return { row: null, notices: [], error: "not_found" };
  if (!(ENDED as readonly string[]).includes(task.status)) return { row: task, notices: [], error: `task is ${task.status}, not ended` };
  if (task.kind === "fan-out") return { row: task, notices: [], error: "retry the children of a fan-out task instead" };
  const row = await transition(
    db,
    id,
    { statuses: [...ENDED] },
    { status: "pending", assignedAgentId: null, assignedAt: null, startedAt: null, completedAt: null, availableAt: 0, error: null, maxAttempts: task.attempt + 1, expiries: 0 },
    { type: "retried", agentId: null, message: `manual retry by ${by}` },
  );
  return { row, notices: [] };
}

/** Bulk commands select by status/executor or explicit ids, bounded so one request cannot lock the table long. */
export async function selectForBulk(db: Db, where: SQL | undefined, limit: number): Promise<string[]> {
  const rows = await db.select({ id: tasks.id }).from(tasks).where(where).limit(limit);
  return rows.map((r) => r.id);
}
