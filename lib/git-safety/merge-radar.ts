import "server-only";
import { createHash } from "node:crypto";
import { LIMITS } from "../protocol/constants";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { mergeChecks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { getTask } from "../tasks/store";
import { insertTask } from "../tasks/store-create";
import { findConflicts, type Conflict } from "./conflicts";
import { mergeCheckId, mergeCheckSteps, orderedHeads, taskVerdict, type MergeCheckStep, type MergeCheckView } from "./merge-check-view";

type MergeCheckRow = typeof mergeChecks.$inferSelect;

/** A check left waiting for an agent that never comes ends here, and the next machine is asked. */
const CHECK_QUEUE_TIMEOUT_MS = 15 * 60_000;

const view = (row: MergeCheckRow): MergeCheckView => ({
  verdict: row.verdict as MergeCheckView["verdict"],
  conflicts: row.conflicts,
  agentId: row.agentId,
  reason: row.reason,
});

/** The merge check of each conflict's pair of heads (null where there is none), for the repo view and the alert. */
export async function mergeChecksOf(db: Db, conflicts: readonly Conflict[]): Promise<(MergeCheckView | null)[]> {
  const ids = conflicts.map((c) => (c.a.head && c.b.head ? mergeCheckId(c.identity, c.a.head, c.b.head) : null));
  const wanted = ids.filter((id): id is string => id !== null);
  const rows = wanted.length ? await db.select().from(mergeChecks).where(inArray(mergeChecks.id, wanted)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = id ? byId.get(id) : undefined;
    return row ? view(row) : null;
  });
}

/** The check's task on one agent: readable, and within the id limit the task frame is validated against. */
function checkTaskId(checkId: string, agentId: string): string {
  const id = `${checkId}_${agentId}`;
  return id.length <= LIMITS.id ? id : `${checkId}_${createHash("sha256").update(agentId).digest("hex").slice(0, 16)}`;
}

/** Queues the `merge-check` git task on one agent; an existing task with this id (a retried pass) is reused. */
async function startStep(db: Db, checkId: string, identity: string, step: MergeCheckStep, started: TaskRow[]): Promise<string> {
  const id = checkTaskId(checkId, step.agentId);
  const row = await insertTask(db, {
    id,
    title: `Merge check ${identity}: ${step.ours.slice(0, 8)} with ${step.theirs.slice(0, 8)}`,
    executor: "git",
    payload: { action: "merge-check", repo: step.repo, ours: step.ours, theirs: step.theirs },
    priority: "high",
    requires: [],
    targetAgentId: step.agentId,
    maxAttempts: 1,
    idempotent: true,
    createdBy: "git-radar",
    timeoutMs: 60_000,
    queueTimeoutMs: CHECK_QUEUE_TIMEOUT_MS,
  });
  if (typeof row === "object" && "id" in row) started.push(row);
  return id;
}

/**
 * Advances the merge check of one conflict: starts it (the first machine that may have both commits), reads a
 * finished task, and asks the other machine when the first did not have both. A pair of heads is checked once.
 */
async function advance(db: Db, c: Conflict, started: TaskRow[], now: number): Promise<MergeCheckView | null> {
  const steps = mergeCheckSteps(c.a, c.b);
  const first = steps[0];
  if (!first || !c.a.head || !c.b.head) return null;
  const id = mergeCheckId(c.identity, c.a.head, c.b.head);
  const existing = await db.query.mergeChecks.findFirst({ where: eq(mergeChecks.id, id) });
  if (!existing) {
    const taskId = await startStep(db, id, c.identity, first, started);
    const [headA, headB] = orderedHeads(c.a.head, c.b.head);
    const fresh = {
      id,
      identity: c.identity,
      headA,
      headB,
      verdict: "pending",
      conflicts: [],
      reason: null,
      agentId: first.agentId,
      taskId,
      tried: [],
      createdAt: now,
      updatedAt: now,
    };
    const [row] = await db.insert(mergeChecks).values(fresh).onConflictDoNothing().returning();
    return view(row ?? fresh);
  }
  if (existing.verdict !== "pending" || !existing.taskId) return view(existing);
  const outcome = taskVerdict(await getTask(db, { id: existing.taskId }));
  if (outcome.verdict === "pending") return view(existing);
  let next: Partial<MergeCheckRow>;
  if (outcome.verdict !== "unknown") {
    next = { verdict: outcome.verdict, conflicts: outcome.conflicts, reason: null };
  } else {
    const tried = [...existing.tried, existing.agentId ?? "?"];
    const reason = [existing.reason, `${existing.agentId}: ${outcome.reason}`].filter(Boolean).join("; ").slice(0, 1000);
    const step = steps.find((s) => !tried.includes(s.agentId));
    next = step ? { tried, reason, agentId: step.agentId, taskId: await startStep(db, id, c.identity, step, started) } : { tried, reason, verdict: "unknown" };
  }
  const [row] = await db
    .update(mergeChecks)
    .set({ ...next, updatedAt: now })
    .where(eq(mergeChecks.id, id))
    .returning();
  return view(row ?? existing);
}

/** One pass over the radar's conflicts: each pair's merge check advanced; the tasks it queued, to be dispatched. */
export async function runMergeChecks(
  db: Db,
  conflicts: readonly Conflict[],
  now = Date.now(),
): Promise<{ checks: (MergeCheckView | null)[]; started: TaskRow[] }> {
  const started: TaskRow[] = [];
  const checks: (MergeCheckView | null)[] = [];
  for (const c of conflicts) checks.push(await advance(db, c, started, now));
  return { checks, started };
}

/** The conflict radar's findings with each pair's merge check, for REST and the repos page. */
export async function findConflictsWithChecks(db: Db): Promise<(Conflict & { mergeCheck: MergeCheckView | null })[]> {
  const conflicts = await findConflicts(db);
  const checks = await mergeChecksOf(db, conflicts);
  return conflicts.map((c, i) => ({ ...c, mergeCheck: checks[i] ?? null }));
}
