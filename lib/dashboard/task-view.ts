import { TASK_PRIORITIES } from "../protocol/constants";
import { compareInList, type SortableTask, type SortOrder, type TaskSort } from "../tasks/list-order";
import type { TaskFilters } from "./filters";
import type { TaskJson } from "./types";

/** A task row's sort values, as the database computes them (duration -1 until a run has ended). */
export function sortableOf(t: TaskJson): SortableTask {
  const started = t.startedAt ? Date.parse(t.startedAt) : null;
  const ended = t.completedAt ? Date.parse(t.completedAt) : null;
  const rank = (TASK_PRIORITIES as readonly string[]).indexOf(t.priority);
  return {
    id: t.id,
    createdAt: Date.parse(t.createdAt ?? ""),
    durationMs: started !== null && ended !== null ? ended - started : -1,
    priorityRank: rank < 0 ? 2 : rank,
  };
}

/** The list order of a sort, for live rows landing where a reload would put them. */
export const inListOrder = (sort: TaskSort, order: SortOrder) => (a: TaskJson, b: TaskJson) => compareInList(sort, order, sortableOf(a), sortableOf(b));

/** Newest first, ties by id: the order REST pages use, so live rows land where a reload would put them. */
export const newestFirst = (a: TaskJson, b: TaskJson) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id.localeCompare(a.id);

/** Does a task belong in a view with these filters? The board ignores status: every state has its column. */
export function taskMatcher(f: TaskFilters, options: { ignoreStatus?: boolean } = {}) {
  const search = f.search?.toLowerCase();
  return (t: TaskJson) =>
    (options.ignoreStatus || !f.status || t.status === f.status) &&
    (!f.executor || t.executor === f.executor) &&
    (!search || t.title.toLowerCase().includes(search));
}
