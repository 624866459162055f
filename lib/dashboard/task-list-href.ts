import { toQuery, type TaskListParams } from "./filters";
import { SORT_LABELS, type SortOrder, type TaskSort } from "../tasks/list-order";

/** A /tasks link for these list params; defaults (created, desc, 50 per page) stay out of the URL. */
export function taskListHref(p: TaskListParams, changes: Partial<TaskListParams> = {}): string {
  const v = { ...p, ...changes };
  return `/tasks${toQuery({
    status: v.status,
    executor: v.executor,
    search: v.search,
    sort: v.sort === "created" ? undefined : v.sort,
    order: v.order === "desc" ? undefined : v.order,
    limit: v.limit === 50 ? undefined : v.limit,
    after: v.after,
    before: v.before,
  })}`;
}

/** The first page of a column's sort: a second click on the sorted column flips its direction. */
export function sortHref(p: TaskListParams, sort: TaskSort): string {
  const current = p.sort ?? "created";
  const order: SortOrder = current === sort && (p.order ?? "desc") === "desc" ? "asc" : "desc";
  return taskListHref({ ...p, after: undefined, before: undefined, cursor: undefined }, { sort, order });
}

/** What the previous and next pages are called in this order: newer and older for the time sort. */
export function pageLabels(sort: TaskSort, order: SortOrder): { prev: string; next: string } {
  if (sort !== "created") return { prev: "Previous", next: "Next" };
  return order === "desc" ? { prev: "Newer", next: "Older" } : { prev: "Older", next: "Newer" };
}

export const sortCaption = (sort: TaskSort = "created", order: SortOrder = "desc") => SORT_LABELS[sort][order];
