import { z } from "zod";
import { ApiError } from "./errors";

/** Keyset cursors: the last row's (created_at, id), opaque to clients. */
export type Cursor = { createdAt: number; id: string };

export function encodeCursor(row: { createdAt: number; id: string }): string {
  return Buffer.from(`${row.createdAt}:${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  const text = Buffer.from(cursor, "base64url").toString();
  const sep = text.indexOf(":");
  const createdAt = Number(text.slice(0, sep));
  const id = text.slice(sep + 1);
  if (sep < 1 || !Number.isSafeInteger(createdAt) || id.length === 0 || id.length > 128) {
    throw new ApiError("bad_request", "invalid query parameter cursor: not a cursor this API returned", "cursor");
  }
  return { createdAt, id };
}

export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
};

/** Splits a page fetched with limit+1 rows into the page and the next cursor. */
export function pageOf<T extends { createdAt: number; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
