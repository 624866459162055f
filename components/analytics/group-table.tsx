import type { GroupStats } from "@/lib/analytics/aggregate";
import { card } from "../ui/styles";
import { ms, pct } from "./format";

/** One row per executor / agent / priority with its totals; scrolls sideways inside itself on a phone. */
export function GroupTable({ by, groups }: { by: string; groups: GroupStats[] }) {
  return (
    <section aria-labelledby="groups-title" className={`${card} mt-4 p-4`}>
      <h2 id="groups-title" className="mb-2 text-sm font-semibold">
        By {by}
      </h2>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Totals by ${by}`}>
        <table className="w-full text-left text-sm tabular-nums" data-testid="analytics-groups">
          <thead className="text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                {by}
              </th>
              {["Created", "Completed", "Failed", "Timed out", "Success", "Run p50", "Run p95", "Wait p50", "Wait p95"].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 text-right font-medium whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key} className="border-t border-slate-100 dark:border-slate-800" data-key={g.key}>
                <th scope="row" className="max-w-48 truncate py-1 pr-3 font-medium">
                  {g.key || "(no agent)"}
                </th>
                {[
                  g.totals.created,
                  g.totals.completed,
                  g.totals.failed,
                  g.totals.timedOut,
                  pct(g.totals.successRate),
                  ms(g.totals.duration.p50),
                  ms(g.totals.duration.p95),
                  ms(g.totals.queueWait.p50),
                  ms(g.totals.queueWait.p95),
                ].map((v, i) => (
                  <td key={i} className="px-2 py-1 text-right whitespace-nowrap">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
