import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskLogState, taskLogs, tasks } from "../db/schema";
import { TASK_LOG_BYTES, TASK_LOG_PAGE_BYTES } from "./limits";

type Chunk = { taskId: string; agentId: string; seq: number; chunk: string; attempt: number | undefined; at: number };

/**
 * Keeps a task-log chunk if it comes from the agent holding the task's current attempt (the issue 9 rule), once per
 * seq, and drops the attempt's oldest chunks beyond TASK_LOG_BYTES. Returns whether it was kept.
 */
export async function storeLogChunk(tx: Db, c: Chunk): Promise<boolean> {
  const [task] = await tx.select({ status: tasks.status, attempt: tasks.attempt, agentId: tasks.assignedAgentId }).from(tasks).where(eq(tasks.id, c.taskId));
  if (!task || task.agentId !== c.agentId || (task.status !== "assigned" && task.status !== "running")) return false;
  if (c.attempt !== undefined && c.attempt !== task.attempt) return false;
  const attempt = task.attempt;
  const bytes = Buffer.byteLength(c.chunk);
  const inserted = await tx
    .insert(taskLogs)
    .values({ taskId: c.taskId, attempt, seq: c.seq, chunk: c.chunk, bytes, createdAt: c.at })
    .onConflictDoNothing()
    .returning({ seq: taskLogs.seq });
  if (inserted.length === 0) return false;
  const [state] = await tx
    .insert(taskLogState)
    .values({ taskId: c.taskId, attempt, bytes })
    .onConflictDoUpdate({ target: [taskLogState.taskId, taskLogState.attempt], set: { bytes: sql`${taskLogState.bytes} + ${bytes}` } })
    .returning();
  if (state && state.bytes > TASK_LOG_BYTES) await dropOldest(tx, c.taskId, attempt, state.bytes);
  return true;
}

/** Deletes the attempt's oldest chunks until it is back under the bound, and records where it now starts. */
async function dropOldest(tx: Db, taskId: string, attempt: number, total: number): Promise<void> {
  const of = and(eq(taskLogs.taskId, taskId), eq(taskLogs.attempt, attempt));
  const oldest = await tx.select({ seq: taskLogs.seq, bytes: taskLogs.bytes }).from(taskLogs).where(of).orderBy(asc(taskLogs.seq)).limit(64);
  let bytes = total;
  let cut = -1;
  for (const row of oldest) {
    if (bytes <= TASK_LOG_BYTES) break;
    bytes -= row.bytes;
    cut = row.seq;
  }
  if (cut < 0) return;
  await tx.delete(taskLogs).where(and(of, sql`${taskLogs.seq} <= ${cut}`));
  await tx
    .update(taskLogState)
    .set({ bytes, firstSeq: cut + 1 })
    .where(and(eq(taskLogState.taskId, taskId), eq(taskLogState.attempt, attempt)));
}

/** Agents send a chunk at most every 250 ms, so a page of this many rows covers minutes even of trickling output. */
const LOG_PAGE_ROWS = 1000;

export type LogPage = {
  attempt: number;
  chunks: { seq: number; chunk: string }[];
  /** Output before this seq was dropped to keep the bound (0: the log is whole). */
  firstSeq: number;
  truncated: boolean;
  /** More chunks follow after the last one returned (read again with after = its seq). */
  more: boolean;
};

/** The stored chunks of one attempt after `after`, in seq order, about TASK_LOG_PAGE_BYTES at a time. */
export async function readLogPage(db: Db, q: { taskId: string; attempt: number; after: number; maxBytes?: number }): Promise<LogPage> {
  const maxBytes = q.maxBytes ?? TASK_LOG_PAGE_BYTES;
  const [state] = await db
    .select()
    .from(taskLogState)
    .where(and(eq(taskLogState.taskId, q.taskId), eq(taskLogState.attempt, q.attempt)));
  const rows = await db
    .select({ seq: taskLogs.seq, chunk: taskLogs.chunk, bytes: taskLogs.bytes })
    .from(taskLogs)
    .where(and(eq(taskLogs.taskId, q.taskId), eq(taskLogs.attempt, q.attempt), gt(taskLogs.seq, q.after)))
    .orderBy(asc(taskLogs.seq))
    // One row past a page's row cap tells whether more follow.
    .limit(LOG_PAGE_ROWS + 1);
  const chunks: LogPage["chunks"] = [];
  let bytes = 0;
  for (const row of rows) {
    if (chunks.length === LOG_PAGE_ROWS || (chunks.length > 0 && bytes + row.bytes > maxBytes)) break;
    chunks.push({ seq: row.seq, chunk: row.chunk });
    bytes += row.bytes;
  }
  const firstSeq = state?.firstSeq ?? 0;
  return { attempt: q.attempt, chunks, firstSeq, truncated: firstSeq > 0, more: chunks.length < rows.length };
}
