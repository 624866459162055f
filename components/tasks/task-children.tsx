import Link from "next/link";
import { StatusBadge } from "../ui/badge";
import { card, link } from "../ui/styles";
import type { TaskJson } from "@/lib/dashboard/types";

/** A fan-out's children, one per agent, live. The parent completes when all complete and fails when any fails. */
export function TaskChildren({ items }: { items: readonly TaskJson[] }) {
  const done = items.filter((c) => c.status === "completed").length;
  return (
    <section aria-labelledby="children-title" className={`${card} p-4`}>
      <h2 id="children-title" className="mb-1 flex items-baseline justify-between gap-2 text-sm font-semibold">
        Fan-out
        <span className="text-xs font-normal text-slate-600 tabular-nums dark:text-slate-400" data-testid="children-progress">
          {done} of {items.length} completed
        </span>
      </h2>
      <p className="mb-3 text-xs text-slate-600 dark:text-slate-400">Completes when every child completes; fails as soon as one fails.</p>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="task-children">
        {items.map((c) => (
          <li key={c.id} data-testid={`child-row-${c.id}`} data-status={c.status} className="flex items-center gap-2 py-2 text-sm">
            <Link href={`/tasks/${c.id}`} className={`${link} min-w-0 flex-1 truncate`}>
              {c.targetAgentId ?? c.assignedAgentId ?? c.title}
            </Link>
            <StatusBadge status={c.status} testId="child-status" />
          </li>
        ))}
      </ul>
    </section>
  );
}
