import { z } from "zod";
import { BUCKET_MS } from "@/lib/analytics/aggregate";

/** At most this many buckets per answer (a year of days, or about two months of hours). */
export const MAX_BUCKETS = 1500;

const instant = (field: string) =>
  z
    .string()
    .max(40)
    .refine((s) => Number.isFinite(Date.parse(s)), `${field} must be an ISO-8601 date-time`)
    .transform((s) => Date.parse(s));

export const analyticsQuery = z
  .object({
    from: instant("from").optional(),
    to: instant("to").optional(),
    bucket: z.enum(["hour", "day"]).default("hour"),
    by: z.enum(["executor", "agent", "priority"]).optional(),
  })
  .transform((q, ctx) => {
    const to = q.to ?? Date.now();
    // Default range: the last 24 hours by hour, the last 30 days by day.
    const from = q.from ?? to - (q.bucket === "hour" ? 24 : 30 * 24) * BUCKET_MS.hour;
    if (from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    else if ((to - from) / BUCKET_MS[q.bucket] > MAX_BUCKETS) {
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: `the range holds more than ${MAX_BUCKETS} ${q.bucket} buckets; use a shorter range or bucket=day`,
      });
    }
    return { from, to, bucket: q.bucket, by: q.by };
  });
