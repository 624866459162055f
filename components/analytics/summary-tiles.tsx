import type { Stats } from "@/lib/analytics/aggregate";
import { card } from "../ui/styles";
import { ms, pct } from "./format";

/** The range's totals as numbers, each tile with a test id that names it. */
export function SummaryTiles({ totals }: { totals: Stats }) {
  const tiles = [
    { key: "created", label: "Created", value: String(totals.created) },
    { key: "completed", label: "Completed", value: String(totals.completed) },
    { key: "failed", label: "Failed", value: String(totals.failed) },
    { key: "timed-out", label: "Timed out", value: String(totals.timedOut) },
    { key: "success-rate", label: "Success rate", value: pct(totals.successRate) },
    { key: "duration", label: "Run time p50 / p95", value: `${ms(totals.duration.p50)} / ${ms(totals.duration.p95)}` },
    { key: "queue-wait", label: "Queue wait p50 / p95", value: `${ms(totals.queueWait.p50)} / ${ms(totals.queueWait.p95)}` },
  ];
  return (
    <dl className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-7" data-testid="analytics-totals">
      {tiles.map((t) => (
        <div key={t.key} className={`${card} min-w-0 p-3`} data-testid={`total-${t.key}`}>
          <dt className="text-xs text-slate-600 dark:text-slate-400">{t.label}</dt>
          <dd className="mt-0.5 text-lg font-semibold break-words tabular-nums">{t.value}</dd>
        </div>
      ))}
    </dl>
  );
}
