import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskAttempts, taskEvents } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { observeDispatch } from "../metrics/instruments";
import { getTask } from "./store";
import { repoGateCondition } from "../git-safety/repo-gate-sql";

/**
 * Claims the best pending task for one agent in a single statement: priority, then age, among tasks whose
 * `requires` the agent covers, and only while the agent holds fewer than maxConcurrency tasks. SQLite runs it
 * atomically, so no task is ever claimed twice, even by concurrent web processes.
 */
export async function claimTask(
  db: Db,
  { agentId, capabilities, maxConcurrency, now }: { agentId: string; capabilities: readonly string[]; maxConcurrency: number; now: number },
): Promise<TaskRow | null> {
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
                AND NOT EXISTS (SELECT 1 FROM json_each(t.requires) r JOIN cockpit_account_holds h ON r.value = 'account:' || h.account WHERE h.until > ${now})
                AND ${repoGateCondition(agentId)}
                AND NOT EXISTS (SELECT 1 FROM json_each(t.depends_on) d LEFT JOIN cockpit_tasks x ON x.id = d.value WHERE x.status IS NOT 'completed')
              ORDER BY t.priority_rank, t.created_at, t.id
              LIMIT 1)
       AND (SELECT count(*) FROM cockpit_tasks a WHERE a.assigned_agent_id = ${agentId} AND a.status IN ('assigned', 'running')) < ${maxConcurrency}
     RETURNING id`);
  const id = rows[0]?.id;
  if (typeof id !== "string") return null;
  const task = await getTask(db, { id });
  if (!task) return null;
  observeDispatch(now - Math.max(task.createdAt, task.availableAt));
  await db
    .insert(taskEvents)
    .values({ taskId: id, type: "assigned", fromStatus: "pending", toStatus: "assigned", agentId, attempt: task.attempt, createdAt: now });
  await db.insert(taskAttempts).values({ taskId: id, attempt: task.attempt, agentId, assignedAt: now }).onConflictDoNothing();
  return task;
}

/** Pending tasks a claim could take now: an idle queue then costs one indexed count instead of a claim per agent. */
export async function countClaimable(db: Db, { now }: { now: number }): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`
    SELECT count(*) AS n FROM cockpit_tasks WHERE status = 'pending' AND kind = 'task' AND available_at <= ${now}`);
  return Number(row?.n ?? 0);
}
