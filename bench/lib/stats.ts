/** Timing, percentiles and the result rows every bench section produces. */

/** Milliseconds from a monotonic clock (Node only: workerd has no performance.now()). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export type Percentiles = { p50: number; p95: number; p99: number; n: number };

export function percentiles(values: readonly number[]): Percentiles {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), n: values.length };
}

/** Whether a bigger figure is better (throughput) or worse (latency, bytes, memory). */
export type Direction = "lower-is-better" | "higher-is-better";

/** One line of the table: a figure, the baseline measured in the same run, and their ratio. */
export type ResultRow = {
  section: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  /** value / baseline */
  ratio: number;
  direction: Direction;
  goal?: string;
  /** Whether the goal is met, when the goal can be checked from this row alone. */
  meetsGoal?: boolean;
  note?: string;
};

export function row(r: Omit<ResultRow, "ratio">): ResultRow {
  return { ...r, ratio: r.baseline > 0 ? r.value / r.baseline : NaN };
}

/** Runs `task` at a fixed rate (open loop) for `count` starts, never longer than `maxMs`; waits for all to end. */
export async function atRate(
  ratePerSecond: number,
  count: number,
  maxMs: number,
  task: (i: number) => Promise<void>,
): Promise<{ started: number; elapsedMs: number }> {
  const start = nowMs();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (nowMs() - start > maxMs) break;
    running.push(task(i));
  }
  await Promise.all(running);
  return { started: running.length, elapsedMs: nowMs() - start };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` is true or the deadline passes; returns whether it became true. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "-";
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The one table `npm run bench` prints. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ["section", "metric", "value", "unit", "baseline", "baseline is", "ratio", "goal", "ok"];
  const lines = rows.map((r) => [
    r.section,
    r.metric,
    fmt(r.value),
    r.unit,
    fmt(r.baseline),
    r.baselineLabel,
    `${fmt(r.ratio)}×`,
    r.goal ?? "",
    r.meetsGoal === undefined ? "" : r.meetsGoal ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  return [render(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(render)].join("\n");
}

/** The same table in Markdown, for docs/benchmarks.md. */
export function formatMarkdown(rows: readonly ResultRow[]): string {
  const head = "| section | metric | value | unit | baseline | baseline is | ratio | goal | ok |\n|---|---|--:|---|--:|---|--:|---|---|";
  const body = rows.map(
    (r) =>
      `| ${r.section} | ${r.metric} | ${fmt(r.value)} | ${r.unit} | ${fmt(r.baseline)} | ${r.baselineLabel} | ${fmt(r.ratio)}× | ${r.goal ?? ""} | ${r.meetsGoal === undefined ? "" : r.meetsGoal ? "yes" : "**no**"} |`,
  );
  return [head, ...body].join("\n");
}
