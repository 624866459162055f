"use client";
import Link from "next/link";
import { useLive } from "../live/live-context";
import { fetchList, useLiveList } from "../live/use-live-list";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { link } from "../ui/styles";
import { BulkBar } from "./bulk-bar";
import { PriorityBadge } from "./priority-badge";
import { useBoardTotals, type BoardTotals } from "./use-board-totals";
import { useBulkTasks, type BulkTasks } from "./use-bulk-tasks";
import { toQuery, type TaskFilters } from "@/lib/dashboard/filters";
import { newestFirst, taskMatcher } from "@/lib/dashboard/task-view";
import { TASK_STATUS_LIST, type TaskJson } from "@/lib/dashboard/types";

/** A column shows at most this many cards; the rest are one click away in the filtered table. */
const SHOWN_PER_COLUMN = 50;

function Card({ task, bulk, canWrite }: { task: TaskJson; bulk: BulkTasks; canWrite: boolean }) {
  return (
    <li
      data-testid={`board-card-${task.id}`}
      data-status={task.status}
      className="rounded-md border border-slate-200 bg-white p-2.5 shadow-xs dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-start gap-2">
        {canWrite && (
          <input
            type="checkbox"
            aria-label={`Select ${task.title}`}
            className="mt-0.5 size-5 shrink-0 accent-sky-700"
            checked={bulk.selected.has(task.id)}
            onChange={() => bulk.toggle(task.id)}
            data-testid="task-select"
          />
        )}
        <Link href={`/tasks/${task.id}`} title={task.title} className={`${link} line-clamp-3 min-w-0 flex-1 text-sm font-medium break-words`}>
          {task.title}
        </Link>
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {task.priority !== "medium" && <PriorityBadge priority={task.priority} />}
        {task.kind === "fan-out" && <span>fan-out</span>}
        <span className="font-mono">{task.executor}</span>
        {task.assignedAgentId && <span className="truncate">on {task.assignedAgentId}</span>}
        {task.attempt > 1 && (
          <span>
            try {task.attempt}/{task.maxAttempts}
          </span>
        )}
        <span className="ml-auto whitespace-nowrap">
          <RelativeTime iso={task.updatedAt ?? task.createdAt} />
        </span>
      </div>
    </li>
  );
}

/**
 * Every task state as a column, live: a card moves when its task changes state, and each column counts all its
 * tasks (not just the cards loaded). Columns scroll sideways (with snap) on narrow screens; on wide ones the board
 * uses the whole window and empty columns fold to their header.
 */
export function TaskBoard({
  initial,
  totals: initialTotals,
  filters,
  columnSize,
}: {
  initial: TaskJson[];
  totals: BoardTotals;
  filters: TaskFilters;
  columnSize: number;
}) {
  const { canWrite } = useLive();
  const bulk = useBulkTasks();
  const totals = useBoardTotals(initialTotals, filters);
  const { rows } = useLiveList({
    entity: "task",
    initial,
    matches: taskMatcher(filters, { ignoreStatus: true }),
    acceptNew: true,
    compare: newestFirst,
    snapshot: async () => {
      const base = { executor: filters.executor, search: filters.search, limit: columnSize };
      const lists = await Promise.all(TASK_STATUS_LIST.map((status) => fetchList<TaskJson>(`/api/cockpit/tasks${toQuery({ ...base, status })}`, "tasks")));
      return lists.flat();
    },
  });
  const columns = TASK_STATUS_LIST.map((status) => ({ status, tasks: rows.filter((t) => t.status === status) }));
  const shownIds = columns.flatMap((c) => c.tasks.slice(0, SHOWN_PER_COLUMN).map((t) => t.id));
  return (
    <>
      {canWrite && <BulkBar bulk={bulk} shownIds={shownIds} />}
      {/* Wider than the page's text column on big screens: as wide as the window allows, centred. */}
      <div className="xl:mx-[calc((100%_-_min(100vw_-_4rem,120rem))/2)]">
        {/* relative: the folded columns' sr-only labels are absolutely placed, and must scroll with the board, not widen the page. */}
        <div
          className="relative -mx-3 flex snap-x snap-mandatory gap-3 overflow-x-auto px-3 pb-3 sm:mx-0 sm:px-0 xl:snap-none"
          data-testid="task-board"
          role="region"
          aria-label="Task board by state"
          tabIndex={0}
        >
          {columns.map(({ status, tasks }) => {
            // The live rows can briefly run ahead of the last total read; never show fewer than the cards.
            const total = Math.max(totals.counts[status], tasks.length);
            const shown = Math.min(tasks.length, SHOWN_PER_COLUMN);
            const label = status.replace("_", " ");
            if (total === 0) {
              return (
                <section
                  key={status}
                  aria-labelledby={`column-${status}`}
                  data-testid={`board-column-${status}`}
                  data-empty="true"
                  className="flex shrink-0 flex-col items-center gap-2 rounded-lg bg-slate-100 px-1 py-2 dark:bg-slate-800/60"
                >
                  <h2 id={`column-${status}`} className="flex flex-col items-center gap-2">
                    <span className="sr-only">{label}: no tasks</span>
                    <span aria-hidden="true" className="text-xs font-medium text-slate-700 [writing-mode:vertical-rl] dark:text-slate-300">
                      {label}
                    </span>
                    <span aria-hidden="true" className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="column-count">
                      0
                    </span>
                  </h2>
                </section>
              );
            }
            return (
              <section
                key={status}
                aria-labelledby={`column-${status}`}
                data-testid={`board-column-${status}`}
                className="flex w-[82vw] max-w-72 shrink-0 snap-start flex-col rounded-lg bg-slate-100 p-2 sm:w-60 xl:w-auto xl:max-w-none xl:min-w-44 xl:flex-1 dark:bg-slate-800/60"
              >
                <h2 id={`column-${status}`} className="mb-2 flex items-center justify-between gap-2 px-1">
                  <StatusBadge status={status} />
                  <span className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="column-count" aria-label={`${total} tasks`}>
                    {total.toLocaleString("en-US")}
                    {totals.exact ? "" : "+"}
                  </span>
                </h2>
                <ul className="space-y-2">
                  {tasks.slice(0, SHOWN_PER_COLUMN).map((t) => (
                    <Card key={t.id} task={t} bulk={bulk} canWrite={canWrite} />
                  ))}
                </ul>
                {total > shown && (
                  <Link
                    href={`/tasks${toQuery({ status, executor: filters.executor, search: filters.search })}`}
                    className={`${link} mt-2 px-1 text-xs`}
                    data-testid="column-more"
                  >
                    All {total.toLocaleString("en-US")} {label} in the table →
                  </Link>
                )}
              </section>
            );
          })}
        </div>
      </div>
    </>
  );
}
