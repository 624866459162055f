import { ALERT_SEVERITY_LIST, REPO_STATUS_LIST, TASK_STATUS_LIST } from "./types";
import { ALERT_STATES } from "../alerts/states";
import { PAGE_SIZES, SORT_ORDERS, TASK_SORTS, type SortOrder, type TaskSort } from "../tasks/list-order";

/** Page filters from the URL, validated the same way on the server render and in the browser. */
type Params = Record<string, string | string[] | undefined>;

/** A filter value, trimmed; NUL characters are dropped (SQLite ends text there, so `%00` would match everything). */
const one = (v: string | string[] | undefined) => {
  const s = typeof v === "string" ? v.replaceAll("\u0000", "").trim() : "";
  return s === "" ? undefined : s;
};
const oneOf = <T extends string>(list: readonly T[], v: string | string[] | undefined): T | undefined => {
  const s = one(v);
  return s && (list as readonly string[]).includes(s) ? (s as T) : undefined;
};

export type TaskFilters = { status?: (typeof TASK_STATUS_LIST)[number]; executor?: string; search?: string; cursor?: string };
/** The tasks table's view: filters plus sort, page size and a page boundary (absent values are the defaults). */
export type TaskListParams = TaskFilters & { sort?: TaskSort; order?: SortOrder; limit?: number; after?: string; before?: string };
/** The alert lifecycle's states, from its one definition. */
export { ALERT_STATES as ALERT_STATE_LIST } from "../alerts/states";
export type AlertFilters = {
  severity?: (typeof ALERT_SEVERITY_LIST)[number];
  acknowledged?: "true" | "false";
  status?: (typeof ALERT_STATES)[number];
  cursor?: string;
};
export type RepoFilters = { status?: (typeof REPO_STATUS_LIST)[number]; agentId?: string; search?: string; cursor?: string };

export function taskFilters(p: Params): TaskFilters {
  return { status: oneOf(TASK_STATUS_LIST, p.status), executor: one(p.executor)?.slice(0, 128), search: one(p.search)?.slice(0, 200), cursor: one(p.cursor) };
}

export function taskListParams(p: Params): TaskListParams {
  const sort = oneOf(TASK_SORTS, p.sort);
  const order = oneOf(SORT_ORDERS, p.order);
  const limit = Number(one(p.limit));
  return {
    ...taskFilters(p),
    sort: sort === "created" ? undefined : sort,
    order: order === "desc" ? undefined : order,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) && limit !== 50 ? limit : undefined,
    after: one(p.after),
    before: one(p.before),
  };
}

export function alertFilters(p: Params): AlertFilters {
  return {
    severity: oneOf(ALERT_SEVERITY_LIST, p.severity),
    acknowledged: oneOf(["true", "false"] as const, p.acknowledged),
    status: oneOf(ALERT_STATES, p.status),
    cursor: one(p.cursor),
  };
}

export function repoFilters(p: Params): RepoFilters {
  return { status: oneOf(REPO_STATUS_LIST, p.status), agentId: one(p.agentId)?.slice(0, 128), search: one(p.search)?.slice(0, 200), cursor: one(p.cursor) };
}

/** The query string for a REST call or a link, leaving out empty values. */
export function toQuery(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
