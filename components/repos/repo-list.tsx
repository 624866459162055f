"use client";
import { fetchList, useLiveList } from "../live/use-live-list";
import { StatusBadge } from "../ui/badge";
import { EmptyState, StartAgentHint } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { card, focusRing } from "../ui/styles";
import { toQuery, type RepoFilters } from "@/lib/dashboard/filters";
import type { RepoJson } from "@/lib/dashboard/types";

const byAgentThenName = (a: RepoJson, b: RepoJson) => a.agentId.localeCompare(b.agentId) || a.name.localeCompare(b.name) || a.path.localeCompare(b.path);
const matches = (f: RepoFilters) => (r: RepoJson) => (!f.status || r.status === f.status) && (!f.agentId || r.agentId === f.agentId);

function Counts({ r }: { r: RepoJson }) {
  const parts = [
    r.aheadCount > 0 && `↑ ${r.aheadCount} ahead`,
    r.behindCount > 0 && `↓ ${r.behindCount} behind`,
    r.uncommittedCount > 0 && `${r.uncommittedCount} uncommitted`,
  ].filter(Boolean);
  return <span className="tabular-nums">{parts.length ? parts.join(" · ") : "up to date"}</span>;
}

function RepoRow({ r }: { r: RepoJson }) {
  const files = r.modifiedFiles;
  return (
    <li data-testid={`repo-row-${r.key}`} data-status={r.status ?? "unknown"} className="px-3 py-2.5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{r.name}</span>
        <StatusBadge status={r.status} testId="repo-status" />
        <span className="font-mono text-xs text-slate-700 dark:text-slate-300" data-testid="repo-branch">
          {r.branch ?? "detached"}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <Counts r={r} />
        </span>
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
          checked <RelativeTime iso={r.lastChecked} />
        </span>
      </div>
      <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={r.path}>
        {r.path}
      </p>
      {files.length > 0 && (
        <details className="mt-1">
          <summary className={`inline-flex min-h-11 cursor-pointer items-center rounded-sm text-sm text-sky-800 sm:min-h-7 dark:text-sky-300 ${focusRing}`}>
            {files.length} modified file{files.length === 1 ? "" : "s"}
          </summary>
          <ul className="mt-1 max-h-56 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs dark:bg-slate-950">
            {files.map((f) => (
              <li key={f} className="truncate">
                {f}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** Repos grouped by the agent that watches them; each row updates as its agent reports git status. */
export function RepoList({ initial, filters, hubUrl }: { initial: RepoJson[]; filters: RepoFilters; hubUrl: string }) {
  const { rows } = useLiveList({
    entity: "repo",
    initial,
    matches: matches(filters),
    acceptNew: true,
    compare: byAgentThenName,
    snapshot: () => fetchList<RepoJson>(`/api/cockpit/repos${toQuery({ ...filters, limit: 200 })}`, "repos"),
  });
  if (rows.length === 0) {
    return filters.status || filters.agentId ? (
      <EmptyState title="No repos match these filters" testId="repos-empty">
        Clear the filters to see every repo.
      </EmptyState>
    ) : (
      <EmptyState title="No repos reported yet" testId="repos-empty">
        <StartAgentHint hubUrl={hubUrl} />
      </EmptyState>
    );
  }
  const groups = new Map<string, RepoJson[]>();
  for (const r of rows) groups.set(r.agentId, [...(groups.get(r.agentId) ?? []), r]);
  return (
    <div className="space-y-4" data-testid="repo-list">
      {[...groups].map(([agentId, repos]) => (
        <section key={agentId} aria-labelledby={`repos-${agentId}`} className={card}>
          <h2 id={`repos-${agentId}`} className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
            {agentId}{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">
              · {repos.length} repo{repos.length === 1 ? "" : "s"}
            </span>
          </h2>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {repos.map((r) => (
              <RepoRow key={r.key} r={r} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
