import { RelativeTime } from "../ui/relative-time";
import { card } from "../ui/styles";
import type { WorkAtRiskJson } from "@/lib/dashboard/types";

/** Every machine's unpushed commits, uncommitted changes and stashes, oldest first: what a lost laptop would take. */
export function WorkAtRisk({ items }: { items: WorkAtRiskJson[] }) {
  if (items.length === 0) return null;
  return (
    <section className={`${card} mb-4`} aria-labelledby="at-risk-title" data-testid="work-at-risk">
      <h2 id="at-risk-title" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
        Work at risk <span className="font-normal text-slate-600 dark:text-slate-400">· oldest first · not on any remote</span>
      </h2>
      <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {items.map((r) => (
          <li key={r.key} className="flex flex-wrap items-center gap-x-3 px-3 py-2" data-testid={`at-risk-${r.key}`}>
            <span className="font-medium">{r.agentId}</span>
            <span>{r.remoteIdentity ?? r.name}</span>
            <span className="font-mono text-xs">{r.branch ?? "detached"}</span>
            <span className="text-xs text-slate-700 tabular-nums dark:text-slate-300">
              {[
                r.unpushedCount > 0 && `${r.unpushedCount} unpushed`,
                r.uncommittedCount > 0 && `${r.uncommittedCount} uncommitted`,
                r.stashCount > 0 && `${r.stashCount} stashed`,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
            {!r.agentConnected && <span className="text-xs text-amber-800 dark:text-amber-300">agent offline</span>}
            {r.atRiskSince && (
              <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
                since <RelativeTime iso={r.atRiskSince} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
