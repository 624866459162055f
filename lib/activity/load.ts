import "server-only";
import { getDb } from "../db/client";
import { ApiError } from "../http/errors";
import type { ActivityFilters } from "./page-filters";
import { listActivity } from "./query";
import { activityJson, type ActivityJson } from "./types";

/** The feed's first page for a server render (overview, feed page); a filter the API would refuse shows nothing. */
export async function loadActivity(filters: ActivityFilters, limit: number): Promise<{ entries: ActivityJson[]; nextCursor: string | null }> {
  try {
    const page = await listActivity(await getDb(), { ...filters, limit });
    return { entries: page.entries.map(activityJson), nextCursor: page.nextCursor };
  } catch (error) {
    if (error instanceof ApiError) return { entries: [], nextCursor: null };
    throw error;
  }
}
