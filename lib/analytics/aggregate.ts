import { mergeInto, percentile } from "./histogram";

/** Folds hourly rollup rows into the buckets and groups the analytics route answers with. Pure: no I/O. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export type BucketSize = "hour" | "day";
export const BUCKET_MS: Record<BucketSize, number> = { hour: HOUR_MS, day: DAY_MS };

export type RollupRow = { bucket: number; key: string; created: number; completed: number; failed: number; timedOut: number; cancelled: number };
export type HistogramRow = { bucket: number; key: string; metric: string; bin: number; n: number };
export type ReasonRow = { key: string; reason: string; n: number };

export type Stats = {
  created: number;
  completed: number;
  failed: number;
  timedOut: number;
  cancelled: number;
  /** completed ÷ (completed + failed + timed out); null when none of those ended. */
  successRate: number | null;
  duration: { p50: number | null; p95: number | null };
  queueWait: { p50: number | null; p95: number | null };
};
export type BucketStats = Stats & { start: string };
export type GroupStats = { key: string; totals: Stats; buckets: BucketStats[]; topFailureReasons: { reason: string; count: number }[] };

type Acc = { counts: Omit<RollupRow, "bucket" | "key">; duration: Map<number, number>; wait: Map<number, number> };
const emptyAcc = (): Acc => ({ counts: { created: 0, completed: 0, failed: 0, timedOut: 0, cancelled: 0 }, duration: new Map(), wait: new Map() });

function addCounts(acc: Acc, r: RollupRow): void {
  acc.counts.created += r.created;
  acc.counts.completed += r.completed;
  acc.counts.failed += r.failed;
  acc.counts.timedOut += r.timedOut;
  acc.counts.cancelled += r.cancelled;
}

function addBin(acc: Acc, h: HistogramRow): void {
  if (h.metric === "duration") mergeInto(acc.duration, h.bin, h.n);
  else if (h.metric === "wait") mergeInto(acc.wait, h.bin, h.n);
}

export function statsOf(acc: Acc): Stats {
  const { created, completed, failed, timedOut, cancelled } = acc.counts;
  const decided = completed + failed + timedOut;
  return {
    created,
    completed,
    failed,
    timedOut,
    cancelled,
    successRate: decided === 0 ? null : completed / decided,
    duration: { p50: percentile(acc.duration, 0.5), p95: percentile(acc.duration, 0.95) },
    queueWait: { p50: percentile(acc.wait, 0.5), p95: percentile(acc.wait, 0.95) },
  };
}

/** The start of the bucket holding `ms` (UTC). */
export function bucketStart(ms: number, size: BucketSize): number {
  return Math.floor(ms / BUCKET_MS[size]) * BUCKET_MS[size];
}

/** Every bucket start from `from`'s bucket up to (not including) `to`. */
export function bucketStarts(from: number, to: number, size: BucketSize): number[] {
  const starts: number[] = [];
  for (let s = bucketStart(from, size); s < to; s += BUCKET_MS[size]) starts.push(s);
  return starts;
}

/** Groups (one per key, sorted by the most tasks ended, then name), each with every bucket in the range filled. */
export function aggregate(input: {
  from: number;
  to: number;
  size: BucketSize;
  rollups: readonly RollupRow[];
  histograms: readonly HistogramRow[];
  reasons: readonly ReasonRow[];
  topReasons?: number;
}): GroupStats[] {
  const starts = bucketStarts(input.from, input.to, input.size);
  const groups = new Map<string, { total: Acc; buckets: Map<number, Acc> }>();
  const groupOf = (key: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { total: emptyAcc(), buckets: new Map() }));
    return g;
  };
  const bucketOf = (key: string, hour: number) => {
    const g = groupOf(key);
    const start = bucketStart(hour, input.size);
    let acc = g.buckets.get(start);
    if (!acc) g.buckets.set(start, (acc = emptyAcc()));
    return { total: g.total, acc };
  };
  for (const r of input.rollups) {
    const { total, acc } = bucketOf(r.key, r.bucket);
    addCounts(total, r);
    addCounts(acc, r);
  }
  for (const h of input.histograms) {
    const { total, acc } = bucketOf(h.key, h.bucket);
    addBin(total, h);
    addBin(acc, h);
  }
  const reasons = new Map<string, Map<string, number>>();
  for (const r of input.reasons) {
    groupOf(r.key);
    const byReason = reasons.get(r.key) ?? new Map<string, number>();
    byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + r.n);
    reasons.set(r.key, byReason);
  }
  const ended = (a: Acc) => a.counts.completed + a.counts.failed + a.counts.timedOut + a.counts.cancelled;
  return [...groups.entries()]
    .sort((a, b) => ended(b[1].total) + b[1].total.counts.created - (ended(a[1].total) + a[1].total.counts.created) || a[0].localeCompare(b[0]))
    .map(([key, g]) => ({
      key,
      totals: statsOf(g.total),
      buckets: starts.map((s) => ({ start: new Date(s).toISOString(), ...statsOf(g.buckets.get(s) ?? emptyAcc()) })),
      topFailureReasons: [...(reasons.get(key) ?? new Map<string, number>()).entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, input.topReasons ?? 5)
        .map(([reason, count]) => ({ reason, count })),
    }));
}
