import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { TaskRow } from "../db/serialize";
import { rowValues, type NewTask } from "./store-create";

/**
 * Bulk inserts as one statement over one bound JSON array (`json_each`): SQLite unpacks the rows in C, so a request
 * of 1,000 tasks costs one short prepare instead of drizzle building and libSQL preparing a statement of ~27,000
 * bound values (the profile's top self time, docs/benchmarks.md). JSON columns travel as their JSON text and are
 * read back with `->>`, so what is stored is byte for byte what drizzle would store.
 */

/** One task's columns as the JSON object the statement reads (absent key = SQL NULL). */
function packedRow(task: NewTask & { id: string }, now: number): Record<string, string | number> {
  const v = rowValues(task, task.id, now);
  const row: Record<string, string | number> = {
    id: v.id,
    title: v.title,
    executor: v.executor,
    status: v.status,
    priority: v.priority,
    priority_rank: v.priorityRank,
    requires: JSON.stringify(v.requires),
    max_attempts: v.maxAttempts,
    idempotent: v.idempotent ? 1 : 0,
    created_by: v.createdBy,
    depends_on: JSON.stringify(v.dependsOn),
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
  if (v.payload !== null) row.payload = JSON.stringify(v.payload);
  if (v.targetAgentId !== null) row.target_agent_id = v.targetAgentId;
  if (v.timeoutMs !== null) row.timeout_ms = v.timeoutMs;
  if (v.expiresAt !== null) row.expires_at = v.expiresAt;
  if (v.requiresRepo !== null) row.requires_repo = JSON.stringify(v.requiresRepo);
  return row;
}

const COLUMNS = [
  "id",
  "title",
  "executor",
  "payload",
  "status",
  "priority",
  "priority_rank",
  "requires",
  "target_agent_id",
  "max_attempts",
  "idempotent",
  "created_by",
  "timeout_ms",
  "expires_at",
  "depends_on",
  "requires_repo",
  "created_at",
  "updated_at",
] as const;

const INSERT_TASKS = `INSERT INTO cockpit_tasks (${COLUMNS.join(", ")}) SELECT ${COLUMNS.map((c) => `value ->> '${c}'`).join(", ")} FROM json_each(`;

/** Inserts the pending tasks that are not stored yet; returns the ids it created (an id already stored is skipped). */
export async function insertPendingTasks(tx: Db, items: readonly (NewTask & { id: string })[], now: number): Promise<Set<string>> {
  const packed = JSON.stringify(items.map((t) => packedRow(t, now)));
  // `WHERE true` lets SQLite tell the upsert clause from a join constraint after a SELECT (its documented parsing rule).
  const rows = await tx.all<{ id: string }>(sql`${sql.raw(INSERT_TASKS)}${packed}) WHERE true ON CONFLICT DO NOTHING RETURNING id`);
  return new Set(rows.map((r) => r.id));
}

/** The `created` history event of each new task, in one statement. */
export async function insertCreatedEvents(tx: Db, ids: readonly string[], status: string, message: string, now: number): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(sql`
    INSERT INTO cockpit_task_events (task_id, type, to_status, message, created_at)
    SELECT value, 'created', ${status}, ${message}, ${now} FROM json_each(${JSON.stringify(ids)})`);
}

/** The columns a new pending task leaves to the schema: their defaults (and the generated run time, -1 unfinished). */
const NEW_TASK_DEFAULTS = {
  assignedAgentId: null,
  attempt: 0,
  result: null,
  logs: null,
  error: null,
  parentId: null,
  kind: "task",
  availableAt: 0,
  expiries: 0,
  assignedAt: null,
  startedAt: null,
  completedAt: null,
  provenance: null,
  durationMs: -1,
} satisfies Omit<TaskRow, keyof ReturnType<typeof rowValues>>;

/**
 * The row a new pending task is stored as, built from what was inserted instead of read back: reading 1,000 rows
 * back cost more than inserting them (@libsql/client's row objects, drizzle's mapping). `satisfies` keeps every
 * column named; a property test (test/unit/bulk-stored-row.test.ts) checks it against the rows SQLite returns.
 */
export function storedPendingRow(task: NewTask & { id: string }, now: number): TaskRow {
  // Not `{ ...a, ...b }`: with this many keys V8 (Node 20) takes a slow path, 20–170 ms per 1,000 rows measured.
  return Object.assign(rowValues(task, task.id, now), NEW_TASK_DEFAULTS);
}
