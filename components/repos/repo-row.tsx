"use client";
import { Badge, StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { focusRing } from "../ui/styles";
import type { RepoJson } from "@/lib/dashboard/types";

/** "1.2 GB": a worktree's size on disk. */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 10 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

function Counts({ r }: { r: RepoJson }) {
  const parts = [
    r.aheadCount > 0 && `↑ ${r.aheadCount} ahead`,
    r.behindCount > 0 && `↓ ${r.behindCount} behind`,
    r.uncommittedCount > 0 && `${r.uncommittedCount} uncommitted`,
    r.unpushedCount > 0 && `${r.unpushedCount} unpushed`,
    r.stashCount > 0 && `${r.stashCount} stashed`,
  ].filter(Boolean);
  return <span className="tabular-nums">{parts.length ? parts.join(" · ") : "up to date"}</span>;
}

/** When the agent is offline, the row shows the last state it reported, marked stale with since when. */
export type AgentPresence = { connected: boolean; disconnectedAt: string | null };

/** One machine's checkout of a repository. */
export function RepoRow({ r, presence }: { r: RepoJson; presence?: AgentPresence }) {
  const files = r.modifiedFiles;
  const stale = presence !== undefined && !presence.connected;
  return (
    <li
      data-testid={`repo-row-${r.key}`}
      data-status={r.error ? "error" : (r.status ?? "unknown")}
      data-stale={stale}
      // Stale rows are shaded, not faded: fading the text would fail AA contrast.
      className={`px-3 py-2.5 ${stale ? "bg-slate-50 dark:bg-slate-950" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium" data-testid="repo-agent">
          {r.agentId}
        </span>
        <span className="text-slate-600 dark:text-slate-400">{r.name}</span>
        {r.error ? <Badge tone="red">unreadable</Badge> : <StatusBadge status={r.status} testId="repo-status" />}
        {!r.error && (
          <span className="font-mono text-xs text-slate-700 dark:text-slate-300" data-testid="repo-branch">
            {r.branch ?? "detached"}
          </span>
        )}
        {!r.error && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            <Counts r={r} />
          </span>
        )}
        {stale && (
          <span data-testid="repo-stale">
            <Badge tone="amber">stale</Badge>{" "}
            <span className="text-xs text-slate-600 dark:text-slate-400">
              agent offline
              {presence?.disconnectedAt ? (
                <>
                  {" "}
                  since <RelativeTime iso={presence.disconnectedAt} />
                </>
              ) : null}
            </span>
          </span>
        )}
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
          checked <RelativeTime iso={r.lastChecked} />
        </span>
      </div>
      <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={r.path}>
        {r.path}
      </p>
      {r.error && (
        <p className="text-sm text-red-800 dark:text-red-300" data-testid="repo-error">
          {r.error}
        </p>
      )}
      {r.worktrees.length > 0 && (
        <ul className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="repo-worktrees">
          {r.worktrees.map((w) => (
            <li key={w.path} className="truncate">
              worktree <span className="font-mono">{w.branch ?? "detached"}</span> · {w.sizeBytes === undefined ? "size unknown" : formatBytes(w.sizeBytes)}
              {w.createdAt && (
                <>
                  {" "}
                  · created <RelativeTime iso={w.createdAt} />
                </>
              )}
              {" · "}
              {w.error ?? ((w.unpushedCount ?? 0) > 0 ? `${w.unpushedCount} unpushed` : "pushed")}
              {w.dirty ? " · dirty" : ""} <span className="font-mono">{w.path}</span>
            </li>
          ))}
        </ul>
      )}
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
