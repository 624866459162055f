import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskAttempts, tasks } from "../db/schema";
import { prepared } from "../db/prepared";
import { recordTaskEvent } from "./history";
import type { TaskRow } from "../db/serialize";
import { observeDispatch } from "../metrics/instruments";
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
  const [task] = await claimQuery(db).all({ agentId, capabilities: JSON.stringify(capabilities), maxConcurrency, now });
  if (!task) return null;
  const id = task.id;
  observeDispatch(now - Math.max(task.createdAt, task.availableAt));
  await recordTaskEvent(db, { taskId: id, type: "assigned", fromStatus: "pending", toStatus: "assigned", agentId, attempt: task.attempt, createdAt: now });
  const attemptRow = prepared(db, "attempt insert", (d) =>
    d
      .insert(taskAttempts)
      .values({ taskId: sql.placeholder("taskId"), attempt: sql.placeholder("attempt"), agentId: sql.placeholder("agentId"), assignedAt: sql.placeholder("assignedAt") })
      .onConflictDoNothing(),
  );
  await attemptRow.run({ taskId: id, attempt: task.attempt, agentId, assignedAt: now });
  return task;
}

/** One UPDATE … RETURNING: the claimed row comes back whole, with no second read. Built once (lib/db/prepared.ts). */
function claimQuery(db: Db) {
  const agentId = sql.placeholder("agentId");
  const now = sql.placeholder("now");
  return prepared(db, "claim", (d) =>
    d
      .update(tasks)
      .set({ status: "assigned", assignedAgentId: agentId as never, attempt: sql`${tasks.attempt} + 1`, assignedAt: now as never, updatedAt: now as never })
      .where(
        sql`${tasks.id} = (
             SELECT t.id FROM cockpit_tasks t
              WHERE t.status = 'pending'
                AND t.kind = 'task'
                AND t.available_at <= ${now}
                AND (t.target_agent_id IS NULL OR t.target_agent_id = ${agentId})
                AND NOT EXISTS (SELECT 1 FROM json_each(t.requires) r WHERE r.value NOT IN (SELECT value FROM json_each(${sql.placeholder("capabilities")})))
                AND NOT EXISTS (SELECT 1 FROM json_each(t.requires) r JOIN cockpit_account_holds h ON r.value = 'account:' || h.account WHERE h.until > ${now})
                AND ${repoGateCondition(agentId)}
                AND NOT EXISTS (SELECT 1 FROM json_each(t.depends_on) d LEFT JOIN cockpit_tasks x ON x.id = d.value WHERE x.status IS NOT 'completed')
              ORDER BY t.priority_rank, t.created_at, t.id
              LIMIT 1)
       AND (SELECT count(*) FROM cockpit_tasks a WHERE a.assigned_agent_id = ${agentId} AND a.status IN ('assigned', 'running')) < ${sql.placeholder("maxConcurrency")}`,
      )
      .returning(),
  );
}

/**
 * Pending tasks a claim could take now, counted up to `atMost`: an idle queue costs one count instead of a claim per
 * agent, and a backlog of 20,000 no more than `atMost` index entries (no row is read). INDEXED BY: the planner
 * otherwise walked every pending task's row through the status index (3 ms at 1,000 pending, on every write).
 */
export async function countClaimable(db: Db, { now, atMost }: { now: number; atMost: number }): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM cockpit_tasks INDEXED BY tasks_claimable_idx
       WHERE status = 'pending' AND kind = 'task' AND available_at <= ${now} LIMIT ${atMost})`);
  return Number(row?.n ?? 0);
}
