import { ApiError } from "../http/errors";
import { decodeTaskCursor, type TaskCursor } from "./list-cursor";
import type { TaskSort } from "./list-order";

/** The page's boundary from `after`, `before` or the older `cursor` (= after); more than one is a 400 naming them. */
export function pageCursors(sort: TaskSort, p: { after?: string; before?: string; cursor?: string }): { after?: TaskCursor; before?: TaskCursor } {
  const given = (["after", "before", "cursor"] as const).filter((k) => p[k] !== undefined);
  if (given.length > 1) throw new ApiError("bad_request", `invalid query parameter ${given[1]}: give only one of ${given.join(", ")}`, given[1]);
  if (p.before !== undefined) return { before: decodeTaskCursor(p.before, sort, "before") };
  const after = p.after ?? p.cursor;
  return after === undefined ? {} : { after: decodeTaskCursor(after, sort, p.after !== undefined ? "after" : "cursor") };
}
