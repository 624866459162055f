import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsCharts } from "@/components/analytics/analytics-charts";
import { GroupTable } from "@/components/analytics/group-table";
import { SummaryTiles } from "@/components/analytics/summary-tiles";
import { PageHeader } from "@/components/ui/page-header";
import { card, focusRing } from "@/components/ui/styles";
import { DIMENSIONS, RANGES, analyticsParams, loadAnalytics, type RangeKey } from "@/lib/analytics/page-data";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Choice({ href, active, children, testId }: { href: string; active: boolean; children: string; testId: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "true" : undefined}
      data-testid={testId}
      className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium sm:min-h-9 ${focusRing} ${
        active
          ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
          : "border border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      }`}
    >
      {children}
    </Link>
  );
}

export default async function AnalyticsPage({ searchParams }: Props) {
  const { range, by } = analyticsParams(await searchParams);
  const data = await loadAnalytics({ range, by });
  const href = (r: RangeKey, b: string | null) => `/analytics?range=${r}${b ? `&by=${b}` : ""}`;
  return (
    <>
      <PageHeader title="Analytics" description="Throughput, failures, run time and queue wait, from rollups kept as tasks end. Times in UTC." />
      <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        <nav aria-label="Time range" className="flex flex-wrap gap-1">
          {(Object.keys(RANGES) as RangeKey[]).map((r) => (
            <Choice key={r} href={href(r, by)} active={r === range} testId={`range-${r}`}>
              {RANGES[r].label}
            </Choice>
          ))}
        </nav>
        <nav aria-label="Split by" className="flex flex-wrap gap-1">
          <Choice href={href(range, null)} active={by === null} testId="by-none">
            All tasks
          </Choice>
          {DIMENSIONS.map((d) => (
            <Choice key={d} href={href(range, d)} active={by === d} testId={`by-${d}`}>
              {`By ${d}`}
            </Choice>
          ))}
        </nav>
      </div>
      {data.all ? (
        <>
          <SummaryTiles totals={data.all.totals} />
          <AnalyticsCharts all={data.all} groups={data.groups} size={data.size} />
          {by && <GroupTable by={by} groups={data.groups} />}
          <section aria-labelledby="reasons-title" className={`${card} mt-4 p-4`} data-testid="failure-reasons">
            <h2 id="reasons-title" className="mb-2 text-sm font-semibold">
              Top failure reasons
            </h2>
            {data.all.topFailureReasons.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No failures in this range.</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {data.all.topFailureReasons.map((r) => (
                  <li key={r.reason} className="flex gap-2">
                    <span className="w-10 shrink-0 text-right font-semibold tabular-nums">{r.count}</span>
                    <span className="min-w-0 break-words">{r.reason}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      ) : (
        <p className={`${card} p-4 text-sm text-slate-600 dark:text-slate-400`} data-testid="analytics-empty">
          No task was created or ended in this range.
        </p>
      )}
    </>
  );
}
