import "server-only";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskFailureReasons, taskHistograms, taskRollups } from "../db/schema";
import { aggregate, HOUR_MS, type BucketSize, type GroupStats } from "./aggregate";

export type AnalyticsDimension = "all" | "executor" | "agent" | "priority";

/**
 * Reads the trigger-kept hourly rollups of one dimension for [from, to) and folds them into buckets: the cost grows
 * with hours × keys × bins in the range, never with the number of tasks.
 */
export async function readAnalytics(db: Db, q: { from: number; to: number; size: BucketSize; by: AnalyticsDimension }): Promise<GroupStats[]> {
  // Rows are hourly; a day bucket starts on an hour, so the first hour of `from`'s bucket is the lower bound.
  const lower = Math.floor(q.from / HOUR_MS) * HOUR_MS;
  const inRange = (t: typeof taskRollups | typeof taskHistograms | typeof taskFailureReasons) => and(eq(t.dim, q.by), gte(t.bucket, lower), lt(t.bucket, q.to));
  const [rollups, histograms, reasons] = await Promise.all([
    db.select().from(taskRollups).where(inRange(taskRollups)),
    db
      .select({ bucket: taskHistograms.bucket, key: taskHistograms.key, metric: taskHistograms.metric, bin: taskHistograms.bin, n: taskHistograms.n })
      .from(taskHistograms)
      .where(inRange(taskHistograms)),
    db
      .select({ key: taskFailureReasons.key, reason: taskFailureReasons.reason, n: sql<number>`sum(${taskFailureReasons.n})` })
      .from(taskFailureReasons)
      .where(inRange(taskFailureReasons))
      .groupBy(taskFailureReasons.key, taskFailureReasons.reason),
  ]);
  return aggregate({ from: q.from, to: q.to, size: q.size, rollups, histograms, reasons });
}
