"use client";
import { fetchList, useLiveList } from "../live/use-live-list";
import { EmptyState, StartAgentHint } from "../ui/empty-state";
import { card } from "../ui/styles";
import { RepoRow, type AgentPresence } from "./repo-row";
import { toQuery, type RepoFilters } from "@/lib/dashboard/filters";
import type { RepoJson } from "@/lib/dashboard/types";

/** One group per repository across machines: its remote identity, or the checkout itself when it has no remote. */
const groupKey = (r: RepoJson) => r.remoteIdentity ?? `${r.name} · ${r.agentId}:${r.path}`;
const byRepoThenAgent = (a: RepoJson, b: RepoJson) =>
  groupKey(a).localeCompare(groupKey(b)) || a.agentId.localeCompare(b.agentId) || a.path.localeCompare(b.path);
const matches = (f: RepoFilters) => (r: RepoJson) => {
  const text = f.search?.toLowerCase();
  const found = !text || [r.name, r.path, r.remoteIdentity ?? ""].some((v) => v.toLowerCase().includes(text));
  return (!f.status || r.status === f.status) && (!f.agentId || r.agentId === f.agentId) && found;
};

/** Repositories grouped by identity (one group per repository, a line per machine); rows update live. */
export function RepoList({
  initial,
  filters,
  hubUrl,
  presence,
}: {
  initial: RepoJson[];
  filters: RepoFilters;
  hubUrl: string;
  presence: Record<string, AgentPresence>;
}) {
  const { rows } = useLiveList({
    entity: "repo",
    initial,
    matches: matches(filters),
    acceptNew: !filters.cursor,
    compare: byRepoThenAgent,
    snapshot: () => fetchList<RepoJson>(`/api/cockpit/repos${toQuery({ ...filters, limit: 200 })}`, "repos"),
  });
  if (rows.length === 0) {
    return filters.status || filters.agentId || filters.search ? (
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
  for (const r of rows) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r]);
  return (
    <div className="space-y-4" data-testid="repo-list">
      {[...groups].map(([key, repos], i) => (
        <section key={key} aria-labelledby={`repos-group-${i}`} className={card} data-testid="repo-group">
          <h2 id={`repos-group-${i}`} className="border-b border-slate-200 px-3 py-2 text-sm font-semibold break-all dark:border-slate-800">
            {repos[0]?.remoteIdentity ?? repos[0]?.name}{" "}
            <span className="font-normal text-slate-600 dark:text-slate-400">
              {repos[0]?.remoteIdentity ? "" : "(no remote) "}· {repos.length} machine{repos.length === 1 ? "" : "s"}
            </span>
          </h2>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {repos.map((r) => (
              <RepoRow key={r.key} r={r} presence={presence[r.agentId]} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
