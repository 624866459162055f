import type { TaskFilters } from "./filters";
import type { TaskJson } from "./types";

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
