import "server-only";
import type { Db } from "../db/client";
import { ApiError } from "../http/errors";
import { decodeCursor, encodeCursor } from "../http/paging";
import { boundFor, mergePage, parseEntryId, type Direction, type FeedPosition } from "./paging";
import { SOURCE_READERS } from "./sources";
import { ACTIVITY_SOURCES, KIND_OF_SOURCE, type ActivityEntry, type ActivityKind } from "./types";

export type ActivityFilter = { kind?: ActivityKind; agent?: string; repo?: string };

export type ActivityPage = {
  entries: ActivityEntry[];
  /** Older entries follow: pass as `cursor`. */
  nextCursor: string | null;
  /** Newer entries than this page exist: pass as `after`. Null on a first page (it is the newest). */
  newerCursor: string | null;
};

const positionOf = (e: ActivityEntry) => encodeCursor({ createdAt: e.at, id: e.id });

function decodePosition(cursor: string, field: "cursor" | "after"): FeedPosition {
  const { createdAt, id } = decodeCursor(cursor);
  const parsed = parseEntryId(id);
  if (!parsed) throw new ApiError("bad_request", `invalid query parameter ${field}: not a cursor this API returned`, field);
  return { at: createdAt, ...parsed };
}

/**
 * One page of the activity feed, newest first: older than `cursor`, or the entries just newer than `after`. Each
 * source the filters allow is read with its own keyset bound and limit+1 rows, then merged (lib/activity/paging.ts).
 */
export async function listActivity(db: Db, q: ActivityFilter & { limit: number; cursor?: string; after?: string }): Promise<ActivityPage> {
  if (q.cursor && q.after) throw new ApiError("bad_request", "send either cursor (older) or after (newer), not both", "after");
  const direction: Direction = q.after ? "newer" : "older";
  const raw = q.after ?? q.cursor;
  const position = raw ? decodePosition(raw, q.after ? "after" : "cursor") : undefined;
  const sources = ACTIVITY_SOURCES.filter((s) => (!q.kind || KIND_OF_SOURCE[s] === q.kind) && (!q.repo || SOURCE_READERS[s].hasRepo));
  const lists = [];
  // One at a time: the database has one connection, so parallel reads would only queue.
  for (const source of sources) {
    const bound = position ? boundFor(source, position, direction) : undefined;
    lists.push(await SOURCE_READERS[source].read(db, { agent: q.agent, repo: q.repo, bound, direction, take: q.limit + 1 }));
  }
  const { page, more } = mergePage(lists, q.limit, direction);
  const oldest = page[page.length - 1];
  const newest = page[0];
  if (direction === "older") return { entries: page, nextCursor: more && oldest ? positionOf(oldest) : null, newerCursor: position ? (newest ? positionOf(newest) : (raw ?? null)) : null };
  return { entries: page, nextCursor: oldest ? positionOf(oldest) : raw ?? null, newerCursor: more && newest ? positionOf(newest) : null };
}
