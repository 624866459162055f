import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { TaskResultFrame } from "../protocol/agent-frames";
import type { Db } from "../db/client";
import { taskAttempts, tasks } from "../db/schema";
import { prepared, shaped } from "../db/prepared";
import { recordTaskEvent } from "./history";
import type { TaskRow } from "../db/serialize";
import { MAX_EXPIRIES, describeFailure, reportsInterruption, retryBackoffMs, retryDecision, type AttemptOutcome } from "./rules";
import { getAttempt, getTask } from "./store";
import { readUsageLimit, type UsageLimit } from "../protocol/usage-limit";
import { holdAccount } from "./usage-hold";

/** Task state changes, each guarded by the state it expects and recorded in the task's history. */

type TaskSet = Partial<typeof tasks.$inferInsert>;
type AttemptEnd = Partial<typeof taskAttempts.$inferInsert>;

type Transition = {
  taskId: string;
  expect: { statuses: string[]; agentId?: string; attempt?: number };
  set: TaskSet;
  event: { type: string; agentId?: string | null; message?: string | null };
  now?: number;
  /** The row as the caller just read it, so the history's "from" needs no second read. */
  current?: TaskRow;
};

/** What the history records as the change's origin: known without a read when the guard allows one status only. */
async function originOf(db: Db, { taskId, expect, event, current }: Transition): Promise<{ status: string; agentId: string | null } | null> {
  if (current) return { status: current.status, agentId: current.assignedAgentId };
  const [only] = expect.statuses;
  const agentId = event.agentId === undefined ? expect.agentId : event.agentId;
  if (expect.statuses.length === 1 && only && agentId !== undefined) return { status: only, agentId };
  const read = await getTask(db, { id: taskId });
  return read ? { status: read.status, agentId: read.assignedAgentId } : null;
}

export async function transition(db: Db, change: Transition): Promise<TaskRow | null> {
  const { taskId, expect, set, event, now = Date.now() } = change;
  const origin = await originOf(db, change);
  if (!origin) return null;
  // Built once per shape (which fields change, which guards apply): lib/db/prepared.ts.
  const changes = shaped({ ...set, updatedAt: now }, "set_");
  const statuses = expect.statuses.map((_, i) => sql.placeholder(`status${i}`));
  const hasAgent = expect.agentId !== undefined;
  const hasAttempt = expect.attempt !== undefined;
  const update = prepared(db, `transition ${changes.shape} ${statuses.length} ${hasAgent} ${hasAttempt}`, (d) =>
    d
      .update(tasks)
      .set(changes.marks as never)
      .where(
        and(
          eq(tasks.id, sql.placeholder("id")),
          inArray(tasks.status, statuses),
          hasAgent ? eq(tasks.assignedAgentId, sql.placeholder("agentId")) : undefined,
          hasAttempt ? eq(tasks.attempt, sql.placeholder("attempt")) : undefined,
        ),
      )
      .returning(),
  );
  const [row] = await update.all({
    ...changes.bound,
    ...Object.fromEntries(expect.statuses.map((status, i) => [`status${i}`, status])),
    id: taskId,
    agentId: expect.agentId,
    attempt: expect.attempt,
  });
  if (!row) return null;
  await recordTaskEvent(db, {
    taskId,
    type: event.type,
    fromStatus: origin.status,
    toStatus: row.status,
    agentId: event.agentId === undefined ? origin.agentId : event.agentId,
    attempt: row.attempt,
    message: event.message ?? null,
    createdAt: now,
  });
  return row;
}

/** Records how an attempt went (started, ended, its outcome) on its attempts row. */
async function updateAttempt(db: Db, taskId: string, attempt: number, set: AttemptEnd): Promise<void> {
  const changes = shaped(set, "set_");
  const update = prepared(db, `attempt update ${changes.shape}`, (d) =>
    d
      .update(taskAttempts)
      .set(changes.marks as never)
      .where(and(eq(taskAttempts.taskId, sql.placeholder("taskId")), eq(taskAttempts.attempt, sql.placeholder("attempt")))),
  );
  await update.run({ ...changes.bound, taskId, attempt });
}

/** What assigned → running sets: stored by markRunning, and broadcast ahead of it when delivery starts the run. */
function runningFields(at: number) {
  return { status: "running", startedAt: at, updatedAt: at } as const;
}

/** The row markRunning stores at `at`, built before it does (see `Delivery.onDelivered`). */
export function runningRow(task: TaskRow, at: number): TaskRow {
  return { ...task, ...runningFields(at) };
}

/**
 * assigned → running: the agent accepted the task (or, for a spec-only agent, the task frame reached it). With an
 * attempt, only that attempt starts: a late acceptance of an attempt given up since changes nothing.
 */
export async function markRunning(
  db: Db,
  { taskId, agentId, how, attempt, now = Date.now() }: { taskId: string; agentId: string; how: "delivered" | "accepted"; attempt?: number; now?: number },
): Promise<TaskRow | null> {
  const row = await transition(db, {
    taskId,
    expect: { statuses: ["assigned"], agentId, attempt },
    set: runningFields(now),
    event: { type: how, agentId },
    now,
  });
  if (row) await updateAttempt(db, taskId, row.attempt, { startedAt: now });
  return row;
}

/** The hub could not hand the task over (the agent just left): back to the queue, the attempt not spent. */
export async function requeue(
  db: Db,
  { taskId, agentId, reason, attempt }: { taskId: string; agentId: string; reason: string; attempt?: number },
): Promise<TaskRow | null> {
  const task = await getTask(db, { id: taskId });
  if (!task || (attempt !== undefined && attempt !== task.attempt)) return null;
  const row = await transition(db, {
    taskId,
    expect: { statuses: ["assigned"], agentId, attempt: task.attempt },
    set: { status: "pending", assignedAgentId: null, assignedAt: null, attempt: Math.max(0, task.attempt - 1) },
    event: { type: "requeued", agentId, message: reason },
  });
  if (row) await db.delete(taskAttempts).where(and(eq(taskAttempts.taskId, taskId), eq(taskAttempts.attempt, task.attempt)));
  return row;
}

/**
 * A delivered attempt not accepted in time ends `expired` (Buildkite's word). The agent never started it, so the task
 * goes back to the queue without spending an attempt (maxAttempts grows by one, keeping "attempt n of m" honest);
 * the MAX_EXPIRIES-th expiry fails the task instead, so an agent that takes tasks and never starts them cannot
 * keep one circulating forever.
 */
export async function expireAttempt(db: Db, { task, reason }: { task: TaskRow; reason: string }): Promise<TaskRow | null> {
  const now = Date.now();
  const expect = { statuses: ["assigned"], agentId: task.assignedAgentId ?? undefined, attempt: task.attempt };
  const expiries = task.expiries + 1;
  const failure = `${reason}; ${expiries} deliveries expired unaccepted, so the task is not offered again`;
  const row =
    expiries >= MAX_EXPIRIES
      ? await transition(db, {
          taskId: task.id,
          expect,
          set: { status: "failed", completedAt: now, error: failure, expiries },
          event: { type: "failed", agentId: task.assignedAgentId, message: failure },
        })
      : await transition(db, {
          taskId: task.id,
          expect,
          set: {
            status: "pending",
            assignedAgentId: null,
            assignedAt: null,
            startedAt: null,
            availableAt: now + retryBackoffMs(expiries),
            error: reason,
            expiries,
            maxAttempts: task.maxAttempts + 1,
          },
          event: {
            type: "expired",
            agentId: task.assignedAgentId,
            message: `${reason}; offered again, the attempt not counted (expiry ${expiries} of ${MAX_EXPIRIES})`,
          },
        });
  if (row) await updateAttempt(db, task.id, task.attempt, { endedAt: now, outcome: "expired", reason });
  return row;
}

/**
 * Ends the current attempt of an assigned or running task. A retryable outcome with attempts left puts the task
 * back in the queue after a backoff (an interrupted one only when the task is idempotent); otherwise the task ends
 * (lost and interrupted end as failed).
 */
export async function endAttempt(
  db: Db,
  { task, outcome, reason, extra = {} }: { task: TaskRow; outcome: AttemptOutcome; reason: string | null; extra?: TaskSet },
): Promise<TaskRow | null> {
  const now = Date.now();
  const expect = { statuses: ["assigned", "running"], agentId: task.assignedAgentId ?? undefined, attempt: task.attempt };
  const decision = retryDecision(
    { outcome, wasRunning: task.status === "running", attempt: task.attempt, maxAttempts: task.maxAttempts, idempotent: task.idempotent },
    reason,
  );
  const row = decision.retry
    ? await transition(db, {
        taskId: task.id,
        current: task,
        expect,
        set: {
          ...extra,
          status: "pending",
          assignedAgentId: null,
          assignedAt: null,
          startedAt: null,
          availableAt: now + retryBackoffMs(task.attempt),
          error: reason,
        },
        event: {
          type: "retry-scheduled",
          agentId: task.assignedAgentId,
          message: `${outcome}${reason ? `: ${reason}` : ""}; attempt ${task.attempt + 1} of ${task.maxAttempts} follows`,
        },
      })
    : await transition(db, {
        taskId: task.id,
        current: task,
        expect,
        set: {
          ...extra,
          status: outcome === "lost" || outcome === "interrupted" ? "failed" : outcome,
          completedAt: now,
          error: outcome === "completed" ? null : decision.reason,
        },
        event: { type: outcome, agentId: task.assignedAgentId, message: decision.reason },
      });
  if (row) await updateAttempt(db, task.id, task.attempt, { endedAt: now, outcome, reason: decision.reason });
  return row;
}

/**
 * The delivery can never succeed (its frame breaks the protocol, or the hub refused it as invalid): the attempt ends
 * `rejected` and the task fails with the reason, instead of circling back to the queue and being refused again.
 */
export async function failUndeliverable(
  db: Db,
  { taskId, agentId, attempt, reason }: { taskId: string; agentId: string; attempt: number; reason: string },
): Promise<TaskRow | null> {
  const now = Date.now();
  const message = `delivery refused: ${reason}`;
  const row = await transition(db, {
    taskId,
    expect: { statuses: ["assigned"], agentId, attempt },
    set: { status: "failed", completedAt: now, error: message },
    event: { type: "rejected", agentId, message },
    now,
  });
  if (row) await updateAttempt(db, taskId, attempt, { endedAt: now, outcome: "rejected", reason: message });
  return row;
}

/** `duplicate`: the web had already stored this very result (a resend); nothing changed. */
export type ResultOutcome = { accepted: true; task: TaskRow; duplicate?: true; usageLimit?: UsageLimit } | { accepted: false; reason: string };

/**
 * Whether this result is one the web already stored: an ended attempt (the one the frame names, else the current
 * one) of the same agent, ended the way the frame says. An agent resends its results after a hub crash.
 */
async function alreadyStored(db: Db, task: TaskRow, agentId: string, frame: TaskResultFrame): Promise<boolean> {
  const attempt = frame.attempt ?? task.attempt;
  if (attempt === task.attempt && (task.status === "assigned" || task.status === "running")) return false;
  const row = await getAttempt(db, { taskId: task.id, attempt });
  const limited = frame.status === "failed" && readUsageLimit(frame.result) !== null;
  const outcome = limited ? "usage-limited" : frame.status === "failed" && reportsInterruption(frame.result) ? "interrupted" : frame.status;
  return row !== undefined && row.endedAt !== null && row.agentId === agentId && row.outcome === outcome;
}

/** Why an agent's word about a task's attempt does not count (null when it does): another attempt, another agent. */
function attemptMismatch(task: TaskRow, agentId: string, attempt: number | undefined, what: string): string | null {
  if (attempt !== undefined && attempt !== task.attempt) return `${what} is for attempt ${attempt}, but the task is on attempt ${task.attempt}`;
  if (task.assignedAgentId !== agentId) return "task is not assigned to this agent";
  return null;
}

/**
 * `refused`: the acceptance names another attempt or agent (an error for the agent). `ended`: the agent's attempt is no
 * longer one to run (the task ended or changed meanwhile). `running` says whether the agent may run it now: its
 * task-accepted-ack (lib/tasks/accept-ack.ts).
 */
export type AcceptOutcome = { row: TaskRow | null; running: boolean; refused?: string; ended?: string };

/** task-accepted: starts the attempt the agent holds; an acceptance of another attempt or by another agent is refused. */
export async function acceptTask(db: Db, { agentId, taskId, attempt }: { agentId: string; taskId: string; attempt?: number }): Promise<AcceptOutcome> {
  const task = await getTask(db, { id: taskId });
  if (!task) return { row: null, running: false, refused: "unknown task" };
  const mismatch = attemptMismatch(task, agentId, attempt, "acceptance");
  if (mismatch) return { row: null, running: false, refused: mismatch };
  // Accepted twice, or accepted after a spec-style delivery already started it: nothing to change, nothing wrong.
  if (task.status === "running") return { row: null, running: true };
  if (task.status !== "assigned") return { row: null, running: false, ended: `task is already ${task.status}` };
  const row = await markRunning(db, { taskId, agentId, how: "accepted", attempt: task.attempt });
  return row ? { row, running: true } : { row: null, running: false, ended: "task changed state meanwhile" };
}

/** A result counts only from the agent holding the attempt it names (the current one when it names none), and only once. */
export async function applyResult(db: Db, { agentId, frame }: { agentId: string; frame: TaskResultFrame }): Promise<ResultOutcome> {
  const task = await getTask(db, { id: frame.taskId });
  if (!task) return { accepted: false, reason: "unknown task" };
  if (await alreadyStored(db, task, agentId, frame)) return { accepted: true, task, duplicate: true };
  const mismatch = attemptMismatch(task, agentId, frame.attempt, "result");
  if (mismatch) return { accepted: false, reason: mismatch };
  if (task.status !== "assigned" && task.status !== "running") return { accepted: false, reason: `task is already ${task.status}` };
  const usageLimit = frame.status === "failed" ? readUsageLimit(frame.result) : null;
  if (usageLimit) return waitForUsageReset(db, { task, agentId, frame, usageLimit });
  const interrupted = frame.status === "failed" && reportsInterruption(frame.result);
  const error =
    frame.status === "failed" ? (describeFailure(frame.result) ?? (interrupted ? "the agent stopped while running it" : "agent reported failure")) : null;
  const row = await endAttempt(db, {
    task,
    outcome: interrupted ? "interrupted" : frame.status,
    reason: error,
    extra: { result: frame.result ?? null, logs: frame.logs ?? null, ...(frame.provenance ? { provenance: frame.provenance } : {}) },
  });
  return row ? { accepted: true, task: row } : { accepted: false, reason: "task changed state meanwhile" };
}

/**
 * A run stopped on its account's usage limit is not a failure of the task: it goes back to the queue until the
 * reset, the attempt not counted (maxAttempts grows by one), and the account is held for every task that needs it.
 */
async function waitForUsageReset(
  db: Db,
  { task, agentId, frame, usageLimit }: { task: TaskRow; agentId: string; frame: TaskResultFrame; usageLimit: UsageLimit },
): Promise<ResultOutcome> {
  const now = Date.now();
  const until = await holdAccount(db, { limit: usageLimit, agentId, taskId: task.id, now });
  const reason = `usage limit of account ${usageLimit.account}: waits until ${usageLimit.resetAt}`;
  const row = await transition(db, {
    taskId: task.id,
    expect: { statuses: ["assigned", "running"], agentId, attempt: task.attempt },
    set: {
      status: "pending",
      assignedAgentId: null,
      assignedAt: null,
      startedAt: null,
      availableAt: until,
      error: reason,
      result: frame.result ?? null,
      logs: frame.logs ?? null,
      maxAttempts: task.maxAttempts + 1,
    },
    event: { type: "usage-limited", agentId, message: reason },
    now,
  });
  if (!row) return { accepted: false, reason: "task changed state meanwhile" };
  await updateAttempt(db, task.id, task.attempt, { endedAt: now, outcome: "usage-limited", reason });
  return { accepted: true, task: row, usageLimit };
}
