import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { describe, expect, it } from "vitest";
import { aggregate, bucketStarts, DAY_MS, HOUR_MS } from "@/lib/analytics/aggregate";
import { binOf, binUpper, percentile } from "@/lib/analytics/histogram";

/** The exact q-quantile of a sorted list by the same rank rule (nearest rank), to compare against the histogram's estimate. */
const exact = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

describe("analytics histograms", () => {
  it("bins a value to its floor at two significant digits", () => {
    expect([0, 7, 10, 99, 100, 1234, 99_999, 1_000_000, 5.9].map(binOf)).toEqual([0, 7, 10, 99, 100, 1200, 99_000, 1_000_000, 5]);
    expect([0, 7, 99, 1200, 99_000].map(binUpper)).toEqual([1, 8, 100, 1300, 100_000]);
  });

  it("estimates p50 and p95 within a bin's width (≤ 10 %) of the exact values", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) ** 3 * 600_000;
    const values = Array.from({ length: 5000 }, () => Math.round(random()));
    const hist = new Map<number, number>();
    for (const v of values) hist.set(binOf(v), (hist.get(binOf(v)) ?? 0) + 1);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95]) {
      const truth = exact(sorted, q);
      expect(Math.abs(percentile(hist, q)! - truth)).toBeLessThanOrEqual(Math.max(1, truth * 0.1));
    }
    expect(percentile(new Map(), 0.5)).toBeNull();
  });

  it("the migration's trigger bins values exactly as binOf does", async () => {
    const client = createClient({ url: ":memory:" });
    await migrate(drizzle(client), { migrationsFolder: "drizzle" });
    const values = [0, 3, 10, 55, 99, 100, 101, 999, 1000, 1234, 45_678, 99_999, 123_456_789];
    const t0 = 1_800_000_000_000;
    for (const [i, v] of values.entries()) {
      await client.execute({
        sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, created_at, updated_at, started_at, completed_at) VALUES (?, 't', 'shell', 'completed', 'low', ?, ?, ?, ?)",
        args: [`t${i}`, t0, t0, t0, t0 + v],
      });
    }
    const rows = await client.execute("SELECT bin, n FROM cockpit_task_histograms WHERE dim = 'all' AND metric = 'duration' ORDER BY bin");
    const expected = new Map<number, number>();
    for (const v of values) expected.set(binOf(v), (expected.get(binOf(v)) ?? 0) + 1);
    expect(rows.rows.map((r) => [Number(r.bin), Number(r.n)])).toEqual([...expected.entries()].sort((a, b) => a[0] - b[0]));
    client.close();
  });
});

describe("analytics aggregation", () => {
  const day0 = Date.UTC(2026, 0, 10);
  it("fills every bucket of the range and folds hours into days", () => {
    expect(bucketStarts(day0 + 5 * HOUR_MS, day0 + 2 * DAY_MS, "day")).toEqual([day0, day0 + DAY_MS]);
    expect(bucketStarts(day0, day0 + 3 * HOUR_MS, "hour")).toHaveLength(3);
    const groups = aggregate({
      from: day0,
      to: day0 + 2 * DAY_MS,
      size: "day",
      rollups: [
        { bucket: day0 + HOUR_MS, key: "", created: 4, completed: 2, failed: 1, timedOut: 1, cancelled: 0 },
        { bucket: day0 + 20 * HOUR_MS, key: "", created: 1, completed: 1, failed: 0, timedOut: 0, cancelled: 1 },
      ],
      histograms: [
        { bucket: day0 + HOUR_MS, key: "", metric: "duration", bin: 100, n: 1 },
        { bucket: day0 + 20 * HOUR_MS, key: "", metric: "duration", bin: 300, n: 1 },
        { bucket: day0 + 20 * HOUR_MS, key: "", metric: "wait", bin: 40, n: 2 },
      ],
      reasons: [
        { key: "", reason: "exit 1", n: 3 },
        { key: "", reason: "expired", n: 5 },
      ],
    });
    expect(groups).toHaveLength(1);
    const [all] = groups;
    expect(all!.buckets.map((b) => b.start)).toEqual([new Date(day0).toISOString(), new Date(day0 + DAY_MS).toISOString()]);
    expect(all!.buckets[0]).toMatchObject({ created: 5, completed: 3, failed: 1, timedOut: 1, cancelled: 1, successRate: 3 / 5 });
    expect(all!.buckets[1]).toMatchObject({ created: 0, completed: 0, successRate: null, duration: { p50: null, p95: null } });
    expect(all!.totals.duration.p50).toBeGreaterThanOrEqual(100);
    expect(all!.totals.duration.p50).toBeLessThanOrEqual(110);
    expect(all!.totals.duration.p95).toBeGreaterThanOrEqual(300);
    expect(all!.totals.queueWait.p50).toBeGreaterThanOrEqual(40);
    expect(all!.topFailureReasons).toEqual([
      { reason: "expired", count: 5 },
      { reason: "exit 1", count: 3 },
    ]);
  });
});
