import { ApiError } from "../http/errors";
import { TASK_SORTS, SORT_KEYS, type TaskSort } from "./list-order";

/**
 * A tasks-list cursor: one row's sort values and id (the keyset boundary), the sort it was made for, and the row's
 * position in the list (1-based) so the next page can say "51–100" without counting. Opaque to clients.
 */
export type TaskCursor = { sort: TaskSort; values: number[]; id: string; position: number | null };

export function encodeTaskCursor(c: TaskCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.values, c.id, c.position])).toString("base64url");
}

const invalid = (param: string, why = "not a cursor this API returned") => new ApiError("bad_request", `invalid query parameter ${param}: ${why}`, param);

/** Reads a cursor for `sort`; the older `createdAt:id` form (before sorting existed) still reads as a created cursor. */
export function decodeTaskCursor(text: string, sort: TaskSort, param: string): TaskCursor {
  const raw = Buffer.from(text, "base64url").toString();
  const cursor = raw.startsWith("[") ? fromJson(raw) : fromLegacy(raw);
  if (!cursor) throw invalid(param);
  if (cursor.sort !== sort) throw invalid(param, `it was made for sort=${cursor.sort}, not sort=${sort}`);
  return cursor;
}

function fromJson(raw: string): TaskCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [sort, values, id, position] = parsed as unknown[];
  if (typeof sort !== "string" || !(TASK_SORTS as readonly string[]).includes(sort)) return null;
  const s = sort as TaskSort;
  if (!Array.isArray(values) || values.length !== SORT_KEYS[s].columns.length || !values.every((v) => Number.isSafeInteger(v))) return null;
  if (!validId(id)) return null;
  if (position !== null && !(Number.isSafeInteger(position) && (position as number) >= 1)) return null;
  return { sort: s, values: values as number[], id, position: position as number | null };
}

function fromLegacy(raw: string): TaskCursor | null {
  const sep = raw.indexOf(":");
  const createdAt = Number(raw.slice(0, sep));
  const id = raw.slice(sep + 1);
  if (sep < 1 || !Number.isSafeInteger(createdAt) || !validId(id)) return null;
  return { sort: "created", values: [createdAt], id, position: null };
}

const validId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= 128;
