import { card } from "../ui/styles";
import type { TaskJson } from "@/lib/dashboard/types";

const short = (sha: string | undefined) => (sha ? sha.slice(0, 10) : "none");

/** What the run did to its repository: HEAD and dirty state before and after, the commits it made, the diffstat. */
export function TaskProvenance({ provenance, requiresRepo, waiting }: Pick<TaskJson, "provenance" | "requiresRepo"> & { waiting?: string | null }) {
  if (!provenance && !requiresRepo) return null;
  return (
    <section className={`${card} p-4 text-sm`} aria-labelledby="provenance-title" data-testid="task-provenance">
      <h2 id="provenance-title" className="mb-2 font-semibold">
        Git
      </h2>
      {requiresRepo && (
        <p data-testid="task-requires-repo">
          Requires <span className="font-mono">{requiresRepo.repo}</span>
          {requiresRepo.branch && (
            <>
              {" "}
              on <span className="font-mono">{requiresRepo.branch}</span>
            </>
          )}
          {requiresRepo.clean && ", clean"}
          {requiresRepo.upToDate && `, up to date${requiresRepo.fastForward ? " (fast-forward allowed)" : ""}`}
        </p>
      )}
      {waiting && (
        <p role="status" className="mt-1 text-amber-700 dark:text-amber-400" data-testid="task-gate-waiting">
          {waiting}
        </p>
      )}
      {provenance && (
        <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">Repository</dt>
          <dd className="truncate font-mono text-xs" title={provenance.repoPath}>
            {provenance.remoteIdentity ?? provenance.repoPath}
          </dd>
          {(["before", "after"] as const).map((k) => (
            <div key={k} className="contents">
              <dt className="text-slate-600 capitalize dark:text-slate-400">{k}</dt>
              <dd className="font-mono text-xs" data-testid={`provenance-${k}`}>
                {short(provenance[k].head)} on {provenance[k].branch ?? "detached"}
                {provenance[k].dirty ? " · dirty" : " · clean"}
              </dd>
            </div>
          ))}
          <dt className="text-slate-600 dark:text-slate-400">Commits</dt>
          <dd data-testid="provenance-commits">
            {provenance.commits.length === 0
              ? "none"
              : provenance.commits.map((c) => (
                  <div key={c.sha} className="truncate">
                    <span className="font-mono text-xs">{short(c.sha)}</span> {c.subject}
                  </div>
                ))}
            {provenance.commitsTruncated && <div className="text-xs">… and older ones</div>}
          </dd>
          {provenance.diffstat && (
            <>
              <dt className="text-slate-600 dark:text-slate-400">Diffstat</dt>
              <dd className="tabular-nums">
                {provenance.diffstat.files} file(s), +{provenance.diffstat.insertions} −{provenance.diffstat.deletions}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
