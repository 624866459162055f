import type { BucketSize } from "@/lib/analytics/aggregate";
import { formatDuration } from "@/lib/dashboard/duration";

export const pct = (rate: number | null) => (rate === null ? "–" : `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)} %`);
export const ms = (v: number | null) => (v === null ? "–" : formatDuration(v));
/** A bucket's axis label in UTC: "14:00" for hours, "03-04" for days. */
export const bucketLabel = (start: string, size: BucketSize) => (size === "hour" ? `${start.slice(11, 13)}:00` : start.slice(5, 10));
/** Failed and timed out over everything that ended either way (null when nothing did). */
export const failureRate = (s: { completed: number; failed: number; timedOut: number }) => {
  const decided = s.completed + s.failed + s.timedOut;
  return decided === 0 ? null : (s.failed + s.timedOut) / decided;
};
export const OUTCOME_COLOURS = { completed: "#10b981", failed: "#dc2626", timedOut: "#d97706", cancelled: "#94a3b8" } as const;
export const SERIES_COLOURS = ["#0284c7", "#c026d3", "#059669", "#ea580c", "#7c3aed", "#64748b"] as const;
