import "server-only";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Notice } from "../bridge/messages";
import type { Db } from "../db/client";
import { agents, tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { taskCancelFrame } from "../protocol/hub-frames";
import { settleCoordination } from "./coordination";
import { endAttempt, expireAttempt, transition } from "./transitions";

export type SweepTimings = { acceptTimeoutMs: number; lostAgentGraceMs: number };
export type SweepResult = { changed: TaskRow[]; notices: Notice[] };

/** Time-driven transitions: unaccepted deliveries, queue expiry, run timeouts, lost agents, coordination. */
export async function sweep(db: Db, timings: SweepTimings, now = Date.now()): Promise<SweepResult> {
  const changed: TaskRow[] = [];
  const notices: Notice[] = [];
  const keep = (row: TaskRow | null) => row && changed.push(row);

  // Assigned but never accepted (or never confirmed delivered) in time: the frame's expiresAt passed, the agent must
  // not start it any more; offered again without spending an attempt.
  const unaccepted = await db.select().from(tasks).where(and(eq(tasks.status, "assigned"), lt(tasks.assignedAt, now - timings.acceptTimeoutMs)));
  for (const t of unaccepted) keep(await expireAttempt(db, t, `not accepted within ${timings.acceptTimeoutMs} ms`));

  // Never picked up before its queue deadline.
  // INDEXED BY: left alone, the planner walks every pending task through the status index instead.
  const expiredIds = await db.all<{ id: string }>(
    sql`SELECT id FROM cockpit_tasks INDEXED BY tasks_pending_expiry_idx WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at < ${now}`,
  );
  const expired = expiredIds.length ? await db.select().from(tasks).where(inArray(tasks.id, expiredIds.map((r) => r.id))) : [];
  for (const t of expired) keep(await transition(db, t.id, { statuses: ["pending"] }, { status: "timed_out", error: "expired", completedAt: now }, { type: "timed_out", agentId: null, message: "expired" }));

  // Ran longer than its run timeout: tell the agent to stop, end the attempt as timed_out.
  const overdue = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.status, "running"), isNotNull(tasks.timeoutMs), sql`${tasks.startedAt} + ${tasks.timeoutMs} < ${now}`));
  for (const t of overdue) {
    const row = await endAttempt(db, t, "timed_out", `ran longer than ${t.timeoutMs} ms`);
    if (row && t.assignedAgentId) notices.push({ agentId: t.assignedAgentId, frame: taskCancelFrame(t.id, "run timeout") });
    keep(row);
  }

  // Held by an agent that has been gone longer than the grace period: offered again, and its late result refused.
  const lost = await db
    .select({ task: tasks })
    .from(tasks)
    .innerJoin(agents, eq(agents.id, tasks.assignedAgentId))
    .where(and(inArray(tasks.status, ["assigned", "running"]), eq(agents.connected, false), lt(agents.disconnectedAt, now - timings.lostAgentGraceMs)));
  for (const { task } of lost) keep(await endAttempt(db, task, "lost", `agent ${task.assignedAgentId} disconnected`));

  changed.push(...(await settleCoordination(db)));
  return { changed, notices };
}
