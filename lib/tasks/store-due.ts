import "server-only";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { agents, tasks } from "../db/schema";
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

/** Pending past their queue deadline. */
export async function listQueueExpired(db: Db, { now }: { now: number }): Promise<TaskRow[]> {
  // INDEXED BY: left alone, the planner walks every pending task through the status index instead.
  const ids = await db.all<{ id: string }>(
    sql`SELECT id FROM cockpit_tasks INDEXED BY tasks_pending_expiry_idx WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at < ${now}`,
  );
  return ids.length
    ? db
        .select()
        .from(tasks)
        .where(
          inArray(
            tasks.id,
            ids.map((r) => r.id),
          ),
        )
    : [];
}

/** Running longer than their run timeout. */
export async function listOverdue(db: Db, { now }: { now: number }): Promise<TaskRow[]> {
  return db
    .select()
    .from(tasks)
    .where(and(eq(tasks.status, "running"), isNotNull(tasks.timeoutMs), sql`${tasks.startedAt} + ${tasks.timeoutMs} < ${now}`));
}

/**
 * Held by a disconnected agent for longer than the grace its state earns (lib/fleet/states.ts `graceFor`): a crashed
 * agent's attempts go at once, a silent one's (it may be asleep, its processes resume on wake) after a longer grace.
 */
export async function listHeldByLostAgents(db: Db, { now, graces }: { now: number; graces: LostGraces }): Promise<TaskRow[]> {
  const rows = await db
    .select({ task: tasks, presence: agents.presence, disconnectedAt: agents.disconnectedAt })
    .from(tasks)
    .innerJoin(agents, eq(agents.id, tasks.assignedAgentId))
    .where(and(inArray(tasks.status, ["assigned", "running"]), eq(agents.connected, false)));
  return rows.filter((r) => r.disconnectedAt !== null && r.disconnectedAt < now - graceFor(r.presence, graces)).map((r) => r.task);
}

const UNSUCCESSFUL = `('failed', 'cancelled', 'timed_out')`;

/** Running fan-out parents: one child that ended unsuccessfully (if any), and how many children have not completed. */
export async function listFanOutProgress(db: Db): Promise<{ id: string; failed_child: string | null; open_children: number }[]> {
  return db.all<{ id: string; failed_child: string | null; open_children: number }>(sql`
    SELECT p.id,
           (SELECT c.id FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status IN ${sql.raw(UNSUCCESSFUL)} LIMIT 1) AS failed_child,
           (SELECT count(*) FROM cockpit_tasks c WHERE c.parent_id = p.id AND c.status != 'completed') AS open_children
      FROM cockpit_tasks p
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
  // primary key. Left to itself the planner scanned every task for each dependency (3.9 s at 100k tasks).
  return db.all<{ id: string; dep: string; dep_status: string }>(sql`
    SELECT t.id, x.id AS dep, x.status AS dep_status
      FROM cockpit_tasks t CROSS JOIN json_each(t.depends_on) d CROSS JOIN cockpit_tasks x
     WHERE t.status = 'pending' AND t.depends_on != '[]' AND x.id = d.value AND x.status IN ${sql.raw(UNSUCCESSFUL)}`);
}
