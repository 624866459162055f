import Link from "next/link";
import type { GroupStats } from "@/lib/analytics/aggregate";
import { OUTCOME_COLOURS, SERIES_COLOURS, failureRate, ms, pct } from "../analytics/format";
import { Sparkline } from "../charts/sparkline";
import { card, focusRing } from "../ui/styles";

/** The last 24 hours by hour as sparklines, so a rising failure rate reads as a trend rather than one number. */
export function TrendCard({ day }: { day: GroupStats | null }) {
  const buckets = day?.buckets ?? [];
  const t = day?.totals;
  const trends = [
    {
      key: "ended",
      label: "Tasks ended",
      value: t ? String(t.completed + t.failed + t.timedOut + t.cancelled) : "0",
      colour: SERIES_COLOURS[0],
      values: buckets.map((b) => b.completed + b.failed + b.timedOut + b.cancelled),
    },
    {
      key: "failure-rate",
      label: "Failure rate",
      value: pct(t ? failureRate(t) : null),
      colour: OUTCOME_COLOURS.failed,
      values: buckets.map(failureRate),
      max: 1,
    },
    { key: "duration", label: "Run time p50", value: ms(t?.duration.p50 ?? null), colour: SERIES_COLOURS[1], values: buckets.map((b) => b.duration.p50) },
    { key: "queue-wait", label: "Queue wait p50", value: ms(t?.queueWait.p50 ?? null), colour: SERIES_COLOURS[2], values: buckets.map((b) => b.queueWait.p50) },
  ];
  return (
    <section aria-labelledby="trend-title" className={`${card} p-4 lg:col-span-2`} data-testid="overview-trends">
      <h2 id="trend-title" className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-300">
        <Link href="/analytics" className={`${focusRing} rounded-sm hover:underline`}>
          Last 24 hours
        </Link>
      </h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {trends.map((tr) => (
          <li key={tr.key} className="min-w-0" data-testid={`trend-${tr.key}`}>
            <span className="block text-xs text-slate-600 dark:text-slate-400">{tr.label}</span>
            <span className="block text-lg font-semibold tabular-nums" data-value={tr.value}>
              {tr.value}
            </span>
            <Sparkline values={tr.values} colour={tr.colour} max={tr.max} label={`${tr.label} over the last 24 hours, by hour`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
