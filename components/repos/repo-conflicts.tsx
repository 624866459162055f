import { card } from "../ui/styles";
import type { RepoConflictJson } from "@/lib/dashboard/types";
import type { MergeCheckView } from "@/lib/git-safety/merge-check-view";

const VERDICT_TONE: Record<MergeCheckView["verdict"], string> = {
  pending: "text-slate-600 dark:text-slate-400",
  clean: "text-emerald-700 dark:text-emerald-400",
  conflicting: "text-red-700 dark:text-red-400",
  unknown: "text-amber-700 dark:text-amber-400",
};

/** The radar's git merge-tree verdict on the two heads: whether their commits (not uncommitted edits) merge. */
function MergeCheckLine({ check }: { check: MergeCheckView }) {
  const on = check.agentId ? ` on ${check.agentId}` : "";
  const text = {
    pending: `checking whether their commits merge${on}…`,
    clean: `their commits merge cleanly (git merge-tree${on})`,
    conflicting: `their commits conflict (git merge-tree${on}): ${check.conflicts.join(", ")}`,
    unknown: `merge unknown: ${check.reason ?? "no machine has both sides' commits"}`,
  }[check.verdict];
  return (
    <p className={`text-xs ${VERDICT_TONE[check.verdict]}`} data-testid="merge-check" data-verdict={check.verdict}>
      {text}
    </p>
  );
}

/** The conflict radar on the repos page: the same files changed on two machines, with the branches. */
export function RepoConflicts({ items }: { items: RepoConflictJson[] }) {
  if (items.length === 0) return null;
  return (
    <section className={`${card} mb-4`} aria-labelledby="conflicts-title" data-testid="repo-conflicts">
      <h2 id="conflicts-title" className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
        Possible conflicts <span className="font-normal text-slate-600 dark:text-slate-400">· same files changed on two machines</span>
      </h2>
      <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {items.map((c) => (
          <li key={`${c.identity}:${c.a.agentId}:${c.b.agentId}`} className="px-3 py-2">
            <span className="font-medium">{c.identity}</span>: {c.a.agentId} <span className="font-mono text-xs">({c.a.branch ?? "detached"})</span> and{" "}
            {c.b.agentId} <span className="font-mono text-xs">({c.b.branch ?? "detached"})</span>
            <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={c.files.join(", ")}>
              {c.files.join(", ")}
            </p>
            {c.mergeCheck && <MergeCheckLine check={c.mergeCheck} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
