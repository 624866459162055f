import type { BucketSize, GroupStats } from "@/lib/analytics/aggregate";
import { BarChart } from "../charts/bar-chart";
import { LineChart } from "../charts/line-chart";
import { card } from "../ui/styles";
import { OUTCOME_COLOURS, SERIES_COLOURS, bucketLabel, failureRate, ms, pct } from "./format";

/** Throughput, failure rate, run time and queue wait over the range; per key (top five) when the page is split. */
export function AnalyticsCharts({ all, groups, size }: { all: GroupStats; groups: GroupStats[]; size: BucketSize }) {
  const labels = all.buckets.map((b) => bucketLabel(b.start, size));
  const t = all.totals;
  const top = groups.slice(0, SERIES_COLOURS.length);
  const rateSeries = top.length
    ? top.map((g, i) => ({ label: g.key || "(none)", colour: SERIES_COLOURS[i]!, values: g.buckets.map(failureRate) }))
    : [{ label: "failed or timed out", colour: OUTCOME_COLOURS.failed, values: all.buckets.map(failureRate) }];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className={`${card} p-4`}>
        <BarChart
          title="Throughput (tasks ended)"
          testId="chart-throughput"
          summary={`${t.completed} completed, ${t.failed} failed, ${t.timedOut} timed out, ${t.cancelled} cancelled`}
          labels={labels}
          series={[
            { label: "completed", colour: OUTCOME_COLOURS.completed, values: all.buckets.map((b) => b.completed) },
            { label: "failed", colour: OUTCOME_COLOURS.failed, values: all.buckets.map((b) => b.failed) },
            { label: "timed out", colour: OUTCOME_COLOURS.timedOut, values: all.buckets.map((b) => b.timedOut) },
            { label: "cancelled", colour: OUTCOME_COLOURS.cancelled, values: all.buckets.map((b) => b.cancelled) },
          ]}
        />
      </div>
      <div className={`${card} p-4`}>
        <LineChart
          title="Failure rate"
          testId="chart-failure-rate"
          summary={`${pct(failureRate(t))} of the tasks that ended failed or timed out`}
          labels={labels}
          series={rateSeries}
          max={1}
          format={(v) => `${Math.round(v * 100)} %`}
        />
      </div>
      <div className={`${card} p-4`}>
        <LineChart
          title="Run time"
          testId="chart-duration"
          summary={`p50 ${ms(t.duration.p50)}, p95 ${ms(t.duration.p95)}`}
          labels={labels}
          series={[
            { label: "p50", colour: SERIES_COLOURS[0], values: all.buckets.map((b) => b.duration.p50) },
            { label: "p95", colour: SERIES_COLOURS[1], values: all.buckets.map((b) => b.duration.p95), dashed: true },
          ]}
          format={ms}
        />
      </div>
      <div className={`${card} p-4`}>
        <LineChart
          title="Queue wait"
          testId="chart-queue-wait"
          summary={`p50 ${ms(t.queueWait.p50)}, p95 ${ms(t.queueWait.p95)}`}
          labels={labels}
          series={[
            { label: "p50", colour: SERIES_COLOURS[0], values: all.buckets.map((b) => b.queueWait.p50) },
            { label: "p95", colour: SERIES_COLOURS[1], values: all.buckets.map((b) => b.queueWait.p95), dashed: true },
          ]}
          format={ms}
        />
      </div>
    </div>
  );
}
