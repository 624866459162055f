/**
 * Histograms of milliseconds with bins of two significant digits: a bin is the value's floor to two significant
 * digits (1234 → 1200), so each bin is at most 10 % wide and percentiles are within that of the truth. The SQL
 * trigger in the analytics migration computes the same bin; keep both in step (test/unit/analytics.test.ts checks).
 */
export type Histogram = ReadonlyMap<number, number>;

export function binOf(ms: number): number {
  const digits = String(Math.max(0, Math.trunc(ms)));
  return Number(digits.slice(0, 2) + "0".repeat(Math.max(digits.length - 2, 0)));
}

/** The first value above the bin: 1200 → 1300, 7 → 8, 99 → 100. */
export function binUpper(bin: number): number {
  const digits = String(bin).length;
  return bin + (digits <= 2 ? 1 : 10 ** (digits - 2));
}

/** Adds `from` into `into` (bins summed). */
export function mergeInto(into: Map<number, number>, bin: number, n: number): void {
  into.set(bin, (into.get(bin) ?? 0) + n);
}

/** The q-quantile (0 < q ≤ 1), interpolated linearly within its bin; null for an empty histogram. */
export function percentile(hist: Histogram, q: number): number | null {
  let total = 0;
  for (const n of hist.values()) total += n;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (const bin of [...hist.keys()].sort((a, b) => a - b)) {
    const n = hist.get(bin) ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) return Math.round(bin + ((rank - seen) / n) * (binUpper(bin) - bin));
    seen += n;
  }
  return null;
}
