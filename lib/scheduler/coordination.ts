import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { transition } from "./transitions";

const UNSUCCESSFUL = `('failed', 'cancelled', 'timed_out')`;

/**
 * Settles what follows from other tasks ending:
 * - a fan-out parent completes when every child completed, and fails as soon as any child failed, was cancelled
 *   or timed out (children still running go on; the parent's result lists every child's status);
 * - a pending task whose dependency ended unsuccessfully fails with that reason.
 */
export async function settleCoordination(db: Db): Promise<TaskRow[]> {
  const changed: TaskRow[] = [];
  const parents = await db.all<{ id: string; failed_child: string | null; open_children: number }>(sql`
    SELECT p.id,
           (SELECT c.id FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status IN ${sql.raw(UNSUCCESSFUL)} LIMIT 1) AS failed_child,
           (SELECT count(*) FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status != 'completed') AS open_children
      FROM cockpit_tasks p
     WHERE p.kind = 'fan-out' AND p.status = 'running'`);
  for (const p of parents) {
    if (!p.failed_child && p.open_children > 0) continue;
    const children = await db.select({ id: tasks.id, agentId: tasks.targetAgentId, status: tasks.status, result: tasks.result }).from(tasks).where(sql`${tasks.parentId} = ${p.id}`);
    const result = { children: children.map((c) => ({ taskId: c.id, agentId: c.agentId, status: c.status, result: c.result ?? null })) };
    const row = p.failed_child
      ? await transition(db, p.id, { statuses: ["running"] }, { status: "failed", result, error: `child ${p.failed_child} did not complete`, completedAt: Date.now() }, { type: "failed", agentId: null, message: `child ${p.failed_child} did not complete` })
      : await transition(db, p.id, { statuses: ["running"] }, { status: "completed", result, completedAt: Date.now() }, { type: "completed", agentId: null, message: "all children completed" });
    if (row) changed.push(row);
  }
  // CROSS JOIN pins the join order: pending tasks with dependencies first (few), then their dependencies by
  // primary key. Left to itself the planner scanned every task for each dependency (3.9 s at 100k tasks).
  const blocked = await db.all<{ id: string; dep: string; dep_status: string }>(sql`
    SELECT t.id, x.id AS dep, x.status AS dep_status
      FROM cockpit_tasks t CROSS JOIN json_each(t.depends_on) d CROSS JOIN cockpit_tasks x
     WHERE t.status = 'pending' AND t.depends_on != '[]' AND x.id = d.value AND x.status IN ${sql.raw(UNSUCCESSFUL)}`);
  for (const b of blocked) {
    const reason = `dependency ${b.dep} ${b.dep_status === "timed_out" ? "timed out" : b.dep_status}`;
    const row = await transition(db, b.id, { statuses: ["pending"] }, { status: "failed", error: reason, completedAt: Date.now() }, { type: "failed", agentId: null, message: reason });
    if (row) changed.push(row);
  }
  return changed;
}
