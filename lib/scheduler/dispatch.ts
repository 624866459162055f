import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { taskFrame } from "../protocol/hub-frames";
import { delivery as deliverySchema, type Delivery } from "../bridge/messages";
import type { Db } from "../db/client";
import { activeTasksByAgent } from "../db/queries/agents";
import { agents, taskAttempts, taskEvents, tasks } from "../db/schema";
import { change, type TaskRow } from "../db/serialize";
import { env } from "../env";
import { claimOrder } from "./eligibility";
import { failUndeliverable, runningRow } from "./transitions";

/**
 * Claims the best pending task for one agent in a single statement: priority, then age, among tasks whose
 * `requires` the agent covers, and only while the agent holds fewer than maxConcurrency tasks. SQLite runs it
 * atomically, so no task is ever claimed twice, even by concurrent web processes.
 */
async function claimOne(db: Db, agentId: string, capabilities: readonly string[], maxConcurrency: number, now: number): Promise<TaskRow | null> {
  const rows = await db.all<Record<string, unknown>>(sql`
    UPDATE cockpit_tasks
       SET status = 'assigned', assigned_agent_id = ${agentId}, attempt = attempt + 1, assigned_at = ${now}, updated_at = ${now}
     WHERE id = (
             SELECT t.id FROM cockpit_tasks t
              WHERE t.status = 'pending'
                AND t.kind = 'task'
                AND t.available_at <= ${now}
                AND (t.target_agent_id IS NULL OR t.target_agent_id = ${agentId})
                AND NOT EXISTS (SELECT 1 FROM json_each(t.requires) r WHERE r.value NOT IN (SELECT value FROM json_each(${JSON.stringify(capabilities)})))
                AND NOT EXISTS (SELECT 1 FROM json_each(t.depends_on) d LEFT JOIN cockpit_tasks x ON x.id = d.value WHERE x.status IS NOT 'completed')
              ORDER BY t.priority_rank, t.created_at, t.id
              LIMIT 1)
       AND (SELECT count(*) FROM cockpit_tasks a WHERE a.assigned_agent_id = ${agentId} AND a.status IN ('assigned', 'running')) < ${maxConcurrency}
     RETURNING id`);
  const id = rows[0]?.id;
  if (typeof id !== "string") return null;
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, id) });
  if (!task) return null;
  await db.insert(taskEvents).values({ taskId: id, type: "assigned", fromStatus: "pending", toStatus: "assigned", agentId, attempt: task.attempt, createdAt: now });
  await db.insert(taskAttempts).values({ taskId: id, attempt: task.attempt, agentId, assignedAt: now }).onConflictDoNothing();
  return task;
}

/** A schema's complaints as one line: `frame.taskId: Too big: expected string to have <=128 characters`. */
function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ").slice(0, 500);
}

/** Pending tasks a claim could take now: an idle queue then costs one indexed count instead of a claim per agent. */
async function claimableCount(db: Db, now: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`
    SELECT count(*) AS n FROM cockpit_tasks WHERE status = 'pending' AND kind = 'task' AND available_at <= ${now}`);
  return Number(row?.n ?? 0);
}

/**
 * Hands pending tasks to connected agents, one per agent per round, so work spreads across agents. The accept
 * timeout (for expiresAt) is read from the environment only when an agent that speaks extensions gets a task.
 */
export async function assignPendingTasks(db: Db, timings: { acceptTimeoutMs?: number } = {}): Promise<{ deliveries: Delivery[]; changed: TaskRow[] }> {
  const now = Date.now();
  const acceptDeadline = () => now + (timings.acceptTimeoutMs ?? env().ACCEPT_TIMEOUT_MS);
  // Tasks created after this count are dispatched by their own creator's call; retries coming due by the sweep's.
  let claimable = await claimableCount(db, now);
  if (claimable === 0) return { deliveries: [], changed: [] };
  const connected = await db.select().from(agents).where(and(eq(agents.connected, true), inArray(agents.status, ["online", "idle"])));
  if (connected.length === 0) return { deliveries: [], changed: [] };
  const active = await activeTasksByAgent(db);
  let candidates = claimOrder(connected.map((a) => ({ ...a, active: active.get(a.id)?.length ?? 0 })));
  const deliveries: Delivery[] = [];
  const changed: TaskRow[] = [];
  while (candidates.length > 0 && claimable > 0) {
    const next: typeof candidates = [];
    for (const agent of candidates) {
      const task = await claimOne(db, agent.id, agent.capabilities, agent.maxConcurrency, now);
      if (!task) continue;
      // Spec-only agents get the spec's frame exactly; agents that announced extensions also get the attempt, the run
      // timeout and expiresAt: the moment the sweep gives the attempt up if it is not accepted by then.
      const extra = agent.extensions.length === 0 ? {} : { attempt: task.attempt, ...(task.timeoutMs ? { timeoutMs: task.timeoutMs } : {}), expiresAt: acceptDeadline() };
      // Without the accept handshake, delivery is acceptance: the delivery carries the `running` row the web stores then.
      const startedAt = Date.now();
      const onDelivered = agent.extensions.includes("task-accepted") ? {} : { onDelivered: { startedAt, change: change.task(runningRow(task, startedAt)) } };
      const candidate: Delivery = { agentId: agent.id, taskId: task.id, frame: taskFrame(task.id, task.executor, task.payload ?? null, extra), ...onDelivered };
      // A delivery that breaks the protocol never leaves (a hub may refuse the whole command over it): its task fails
      // with the reason instead of taking every other task in the command back to the queue, again and again.
      const checked = deliverySchema.safeParse(candidate);
      if (!checked.success) {
        changed.push((await failUndeliverable(db, task.id, agent.id, task.attempt, describeIssues(checked.error.issues))) ?? task);
        next.push(agent);
      } else {
        changed.push(task);
        deliveries.push(candidate);
        if (agent.active + 1 < agent.maxConcurrency) next.push({ ...agent, active: agent.active + 1 });
      }
      // Every task counted as claimable is taken: the other agents would only find nothing.
      if (--claimable === 0) break;
    }
    candidates = next;
  }
  return { deliveries, changed };
}
