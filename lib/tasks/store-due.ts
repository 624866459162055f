import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { tasks } from "../db/schema";
import type { TaskRow } from "../db/serialize";
import { graceFor, type LostGraces } from "../fleet/states";

/** The queries of time- and outcome-driven transitions: what the sweep and coordination must settle now. */

/** Assigned but not accepted (or confirmed delivered) since `assignedBefore`. */
export async function listUnaccepted(db: Db, { assignedBefore }: { assignedBefore: number }): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.status, "assigned"), lt(tasks.assignedAt, assignedBefore)));
}

/** The stored rows of these ids (the sweep's queries find ids through an index, then read only those rows). */
async function tasksWithIds(db: Db, ids: readonly string[]): Promise<TaskRow[]> {
  return ids.length
    ? db
        .select()
        .from(tasks)
        .where(inArray(tasks.id, [...ids]))
    : [];
}

/** Pending past their queue deadline. */
export async function listQueueExpired(db: Db, { now }: { now: number }): Promise<TaskRow[]> {
  // INDEXED BY: left alone, the planner walks every pending task through the status index instead.
  const ids = await db.all<{ id: string }>(
    sql`SELECT id FROM cockpit_tasks INDEXED BY tasks_pending_expiry_idx WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at < ${now}`,
  );
  return tasksWithIds(
    db,
    ids.map((r) => r.id),
  );
}

/** Running longer than their run timeout: the deadline index holds only running tasks with a timeout. */
export async function listOverdue(db: Db, { now }: { now: number }): Promise<TaskRow[]> {
  const ids = await db.all<{ id: string }>(sql`
    SELECT id FROM cockpit_tasks INDEXED BY tasks_running_deadline_idx
     WHERE status = 'running' AND timeout_ms IS NOT NULL AND started_at + timeout_ms < ${now}`);
  return tasksWithIds(
    db,
    ids.map((r) => r.id),
  );
}

/**
 * Held by a disconnected agent for longer than the grace its state earns (lib/fleet/states.ts `graceFor`): a crashed
 * agent's attempts go at once, a silent one's (it may be asleep, its processes resume on wake) after a longer grace.
 * CROSS JOIN reads the disconnected agents first, then each one's held tasks by index; left to itself the planner
 * walked every assigned and running task.
 */
export async function listHeldByLostAgents(db: Db, { now, graces }: { now: number; graces: LostGraces }): Promise<TaskRow[]> {
  const held = await db.all<{ id: string; presence: string; disconnected_at: number | null }>(sql`
    SELECT t.id, a.presence, a.disconnected_at
      FROM cockpit_agents a CROSS JOIN cockpit_tasks t
     WHERE a.connected = 0 AND t.assigned_agent_id = a.id AND t.status IN ('assigned', 'running')`);
  const due = held.filter((r) => r.disconnected_at !== null && r.disconnected_at < now - graceFor(r.presence, graces));
  return tasksWithIds(
    db,
    due.map((r) => r.id),
  );
}

const UNSUCCESSFUL = `('failed', 'cancelled', 'timed_out')`;

/** Running fan-out parents: one child that ended unsuccessfully (if any), and how many children have not completed. */
export async function listFanOutProgress(db: Db): Promise<{ id: string; failed_child: string | null; open_children: number }[]> {
  return db.all<{ id: string; failed_child: string | null; open_children: number }>(sql`
    SELECT p.id,
           (SELECT c.id FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status IN ${sql.raw(UNSUCCESSFUL)} LIMIT 1) AS failed_child,
           (SELECT count(*) FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status != 'completed') AS open_children
      FROM cockpit_tasks p INDEXED BY tasks_fanout_status_idx
     WHERE p.kind = 'fan-out' AND p.status = 'running'`);
}

/** Each child's status and result, for the parent's result. */
export async function listChildOutcomes(db: Db, { parentId }: { parentId: string }) {
  return db
    .select({ id: tasks.id, agentId: tasks.targetAgentId, status: tasks.status, result: tasks.result })
    .from(tasks)
    .where(sql`${tasks.parentId} = ${parentId}`);
}

/** Pending tasks with a dependency that ended unsuccessfully. */
export async function listBlockedByDependency(db: Db): Promise<{ id: string; dep: string; dep_status: string }[]> {
  // CROSS JOIN pins the join order: pending tasks with dependencies first (few), then their dependencies by
  // primary key. Left to itself the planner scanned every task for each dependency (3.9 s at 100k tasks), and
  // without INDEXED BY it read every pending task's row to find the ones with dependencies.
  return db.all<{ id: string; dep: string; dep_status: string }>(sql`
    SELECT t.id, x.id AS dep, x.status AS dep_status
      FROM cockpit_tasks t INDEXED BY tasks_deps_status_idx CROSS JOIN json_each(t.depends_on) d CROSS JOIN cockpit_tasks x
     WHERE t.status = 'pending' AND t.depends_on != '[]' AND x.id = d.value AND x.status IN ${sql.raw(UNSUCCESSFUL)}`);
}
