/** The tasks list's sort keys and directions: shared by the REST route, the page and the browser (no I/O here). */

export const TASK_SORTS = ["created", "duration", "priority"] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const SORT_ORDERS = ["desc", "asc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** What a row contributes to each sort key (besides its id, the last tie-breaker of every key). */
export type SortableTask = { id: string; createdAt: number; durationMs: number; priorityRank: number };

/**
 * The SQL columns of each sort key, before the id, and whether the displayed "desc" walks them descending.
 * Priority "desc" means most urgent first (rank 0 = urgent), oldest first within a rank: the queue's own order.
 */
export const SORT_KEYS: Record<TaskSort, { columns: readonly ("created_at" | "duration_ms" | "priority_rank")[]; descIsSqlDesc: boolean }> = {
  created: { columns: ["created_at"], descIsSqlDesc: true },
  duration: { columns: ["duration_ms"], descIsSqlDesc: true },
  priority: { columns: ["priority_rank", "created_at"], descIsSqlDesc: false },
};

export function sortValues(sort: TaskSort, row: SortableTask): number[] {
  if (sort === "created") return [row.createdAt];
  if (sort === "duration") return [row.durationMs];
  return [row.priorityRank, row.createdAt];
}

/** Does the SQL walk this sort's columns descending (for the list's "after" direction)? */
export const sqlDescending = (sort: TaskSort, order: SortOrder) => (order === "desc") === SORT_KEYS[sort].descIsSqlDesc;

/** Compares two rows in list order: negative when `a` is shown first. */
export function compareInList(sort: TaskSort, order: SortOrder, a: SortableTask, b: SortableTask): number {
  const desc = sqlDescending(sort, order);
  const va = [...sortValues(sort, a)];
  const vb = [...sortValues(sort, b)];
  for (let i = 0; i < va.length; i++) {
    const d = va[i]! - vb[i]!;
    if (d !== 0) return desc ? -d : d;
  }
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return desc ? -byId : byId;
}

export const SORT_LABELS: Record<TaskSort, Record<SortOrder, string>> = {
  created: { desc: "Newest first", asc: "Oldest first" },
  duration: { desc: "Longest run first", asc: "Shortest run first" },
  priority: { desc: "Most urgent first", asc: "Least urgent first" },
};

/** Page sizes the dashboard offers (REST accepts any limit from 1 to 200). */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** "51–100 of 2,060": the range a page shows, in list positions (1-based), and the total (capped counts end in "+"). */
export function rangeText(start: number | null, shown: number, total: number, totalExact: boolean): string {
  const of = `${total.toLocaleString("en-US")}${totalExact ? "" : "+"}`;
  if (shown === 0) return `0 of ${of}`;
  if (start === null) return `${shown.toLocaleString("en-US")} of ${of}`;
  return `${start.toLocaleString("en-US")}–${(start + shown - 1).toLocaleString("en-US")} of ${of}`;
}
