import "server-only";
import { getDb } from "../db/client";
import { HOUR_MS, type BucketSize, type GroupStats } from "./aggregate";
import { readAnalytics, type AnalyticsDimension } from "./store";

/** The Analytics page's range choices: how far back, and the bucket that keeps charts readable. */
export const RANGES = {
  "24h": { label: "24 h", hours: 24, size: "hour" },
  "7d": { label: "7 days", hours: 7 * 24, size: "hour" },
  "30d": { label: "30 days", hours: 30 * 24, size: "day" },
  "90d": { label: "90 days", hours: 90 * 24, size: "day" },
} as const satisfies Record<string, { label: string; hours: number; size: BucketSize }>;
export type RangeKey = keyof typeof RANGES;
export const DIMENSIONS = ["executor", "agent", "priority"] as const;

export function analyticsParams(params: Record<string, string | string[] | undefined>): { range: RangeKey; by: (typeof DIMENSIONS)[number] | null } {
  const range = typeof params.range === "string" && params.range in RANGES ? (params.range as RangeKey) : "24h";
  const by = DIMENSIONS.find((d) => d === params.by) ?? null;
  return { range, by };
}

/** The whole picture for one range, and per key when `by` is set; both from the rollups. */
export async function loadAnalytics(q: { range: RangeKey; by: AnalyticsDimension | null }, now = Date.now()) {
  const { hours, size } = RANGES[q.range];
  // Up to the end of the current hour, so the running hour is in.
  const to = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const from = to - hours * HOUR_MS;
  const db = await getDb();
  const [all, groups] = await Promise.all([
    readAnalytics(db, { from, to, size, by: "all" }),
    q.by ? readAnalytics(db, { from, to, size, by: q.by }) : Promise.resolve([] as GroupStats[]),
  ]);
  return { from, to, size, all: all[0] ?? null, groups };
}

/** The last 24 hours by hour, for the overview's sparklines. */
export async function loadDayTrend(now = Date.now()) {
  return (await loadAnalytics({ range: "24h", by: null }, now)).all;
}
