/**
 * Keyset paging over several sources at once, as pure functions: the feed is ordered newest first by
 * (at, source, row id); a cursor is the last entry seen. Each source is read with the bound the cursor puts on it
 * (`boundFor`), limit+1 rows each, and the lists are merged here, so no entry is skipped or repeated across pages.
 */
import { ACTIVITY_SOURCES, type ActivityEntry, type ActivitySource } from "./types";

export type Direction = "older" | "newer";

/** A position in the feed: an entry's time and id. */
export type FeedPosition = { at: number; source: ActivitySource; rowId: string };

/**
 * The condition on one source's (at, row id) for the rows past a position: a plain time bound when the position's
 * entry is from another source (the source order breaks the tie at equal times), a row-value bound when it is the same.
 */
export type SourceBound = { column: "at"; op: "<" | "<=" | ">" | ">="; at: number } | { column: "row"; op: "<" | ">"; at: number; rowId: string };

const rank = (s: ActivitySource) => ACTIVITY_SOURCES.indexOf(s);

export function parseEntryId(id: string): { source: ActivitySource; rowId: string } | null {
  const sep = id.indexOf(":");
  const source = id.slice(0, sep) as ActivitySource;
  const rowId = id.slice(sep + 1);
  if (sep < 1 || !ACTIVITY_SOURCES.includes(source) || rowId.length === 0) return null;
  // Every source but approvals (text ids) counts its rows with an integer id.
  if (source !== "v" && !/^\d{1,15}$/.test(rowId)) return null;
  return { source, rowId };
}

export function boundFor(source: ActivitySource, position: FeedPosition, direction: Direction): SourceBound {
  const older = direction === "older";
  if (source === position.source) return { column: "row", op: older ? "<" : ">", at: position.at, rowId: position.rowId };
  // Newest first: at equal times a lower-ranked source comes after (is "older than") a higher-ranked one.
  const after = rank(source) < rank(position.source);
  if (older) return { column: "at", op: after ? "<=" : "<", at: position.at };
  return { column: "at", op: after ? ">" : ">=", at: position.at };
}

function compareRowIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first: negative when `a` comes before `b` in the feed. */
export function compareEntries(a: Pick<ActivityEntry, "at" | "id">, b: Pick<ActivityEntry, "at" | "id">): number {
  if (a.at !== b.at) return b.at - a.at;
  const pa = parseEntryId(a.id);
  const pb = parseEntryId(b.id);
  if (!pa || !pb) return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  if (pa.source !== pb.source) return rank(pb.source) - rank(pa.source);
  return compareRowIds(pb.rowId, pa.rowId);
}

/**
 * Merges what each source returned for one page (each read with its bound and limit+1 rows) into the page, newest
 * first, and whether more entries lie beyond it in the direction read.
 */
export function mergePage(lists: readonly (readonly ActivityEntry[])[], limit: number, direction: Direction): { page: ActivityEntry[]; more: boolean } {
  const all = lists.flat().sort(compareEntries);
  if (direction === "older") return { page: all.slice(0, limit), more: all.length > limit };
  // Reading newer: the `limit` entries just past the position are the oldest of those found.
  return { page: all.slice(Math.max(0, all.length - limit)), more: all.length > limit };
}

/**
 * The live feed's head, read again after a change or a reconnect, merged into what is shown: entries are replaced by
 * id (a wake report relabels presence entries) and added in order. When a full head does not reach back to what is
 * shown, entries in between may be missing, so the head replaces the list (`replaced`: older pages must be read again).
 */
export function mergeHead<E extends Pick<ActivityEntry, "at" | "id">>(shown: readonly E[], head: readonly E[], headIsFull: boolean): { entries: E[]; replaced: boolean } {
  const newestShown = shown[0];
  const oldestHead = head[head.length - 1];
  if (!newestShown || !oldestHead) return { entries: head.length ? [...head] : [...shown], replaced: shown.length === 0 && head.length > 0 };
  if (headIsFull && compareEntries(oldestHead, newestShown) < 0) return { entries: [...head], replaced: true };
  const byId = new Map(shown.map((e) => [e.id, e]));
  for (const e of head) byId.set(e.id, e);
  return { entries: [...byId.values()].sort(compareEntries), replaced: false };
}
