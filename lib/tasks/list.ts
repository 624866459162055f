import "server-only";
import { and, asc, desc, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskCountsByStatus } from "../db/queries/counts";
import { tasks } from "../db/schema";
import type { TaskListRow } from "../db/serialize";
import type { TaskCursor } from "./list-cursor";
import { SORT_KEYS, sortValues, sqlDescending, type SortOrder, type TaskSort } from "./list-order";
import { filterWhere, type TaskFilter } from "./store";

/** Counts past this are reported as "10,000+": an exact count of a text search over 1M rows would scan them all. */
export const COUNT_CAP = 10_000;

/** Every column but `logs`: no list shows them, and reading them would copy up to 512 KiB per row for nothing. */
const { logs: _logs, ...LIST_COLUMNS } = getTableColumns(tasks);

const COLUMN = { created_at: tasks.createdAt, duration_ms: tasks.durationMs, priority_rank: tasks.priorityRank } as const;

export type TaskPageQuery = TaskFilter & {
  sort: TaskSort;
  order: SortOrder;
  limit: number;
  /** Rows after this one in list order (the next page), or before it (the previous page). */
  after?: TaskCursor;
  before?: TaskCursor;
};

export type TaskPage = {
  rows: TaskListRow[];
  total: number;
  totalExact: boolean;
  /** List position (1-based) of the first row, when known. */
  start: number | null;
  next: TaskCursor | null;
  prev: TaskCursor | null;
};

/** The sort's columns then id, walked one way; `(cols…, id) < (?…, ?)` in row-value form so the index serves it. */
function keyset(sort: TaskSort, descending: boolean, boundary: TaskCursor | undefined): { where?: SQL; orderBy: SQL[] } {
  const cols = [...SORT_KEYS[sort].columns.map((c) => COLUMN[c]), tasks.id];
  const orderBy = cols.map((c) => (descending ? desc(c) : asc(c)));
  if (!boundary) return { orderBy };
  const left = sql.join(
    cols.map((c) => sql`${c}`),
    sql`, `,
  );
  const right = sql.join(
    [...boundary.values, boundary.id].map((v) => sql`${v}`),
    sql`, `,
  );
  return { where: descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`, orderBy };
}

/** The SELECT of one walk, exposed so a test can read its query plan. */
export function taskWalk(db: Db, f: TaskFilter, sort: TaskSort, descending: boolean, boundary: TaskCursor | undefined, limit: number) {
  const { where, orderBy } = keyset(sort, descending, boundary);
  return db
    .select(LIST_COLUMNS)
    .from(tasks)
    .where(and(filterWhere(f), where))
    .orderBy(...orderBy)
    .limit(limit);
}

const cursorOf = (sort: TaskSort, row: TaskListRow, position: number | null): TaskCursor => ({ sort, values: sortValues(sort, row), id: row.id, position });

/** One page of the tasks list in any sort, keyset-paged both ways, with its range and the total. */
export async function listTaskPage(db: Db, q: TaskPageQuery): Promise<TaskPage> {
  const forward = sqlDescending(q.sort, q.order);
  const backwards = q.before !== undefined;
  const walked = await taskWalk(db, q, q.sort, backwards ? !forward : forward, q.before ?? q.after, q.limit + 1);
  const more = walked.length > q.limit;
  const rows = walked.slice(0, q.limit);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // The far side of the page is known from limit+1; the near side (where the cursor came from) costs a one-row probe.
  const probe = async (row: TaskListRow | undefined, descending: boolean) =>
    row !== undefined && (await taskWalk(db, q, q.sort, descending, cursorOf(q.sort, row, null), 1)).length > 0;
  const hasBefore = backwards ? more : q.after ? await probe(first, !forward) : false;
  const hasAfter = backwards ? await probe(last, forward) : more;
  const start = !hasBefore ? 1 : startOf(q, rows.length);
  const { total, exact } = await countTasks(db, q);
  return {
    rows,
    total,
    totalExact: exact,
    start: rows.length === 0 ? null : start,
    next: hasAfter && last ? cursorOf(q.sort, last, start === null ? null : start + rows.length - 1) : null,
    prev: hasBefore && first ? cursorOf(q.sort, first, start) : null,
  };
}

function startOf(q: TaskPageQuery, shown: number): number | null {
  if (q.after) return q.after.position === null ? null : q.after.position + 1;
  if (q.before) return q.before.position === null ? null : Math.max(1, q.before.position - shown);
  return 1;
}

/** Status-only filters read the trigger-kept counts; any other filter counts its rows up to COUNT_CAP. */
export async function countTasks(db: Db, f: TaskFilter): Promise<{ total: number; exact: boolean }> {
  if (!f.executor && !f.search && !f.agentId && !f.commit) {
    const byStatus = await taskCountsByStatus(db);
    return { total: f.status ? (byStatus[f.status] ?? 0) : Object.values(byStatus).reduce((a, b) => a + b, 0), exact: true };
  }
  const capped = db
    .select({ one: sql`1` })
    .from(tasks)
    .where(filterWhere(f))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(capped);
  const n = Number(row?.n ?? 0);
  return n > COUNT_CAP ? { total: COUNT_CAP, exact: false } : { total: n, exact: true };
}
