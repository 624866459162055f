"use client";
import Link from "next/link";
import { useState } from "react";
import { useLive } from "../live/live-context";
import { fetchList, useLiveList } from "../live/use-live-list";
import { StatusBadge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import { BulkBar } from "./bulk-bar";
import { PriorityBadge } from "./priority-badge";
import { RowCancelButton, SwipeableTaskRow } from "./task-row-swipe";
import { useBulkTasks } from "./use-bulk-tasks";
import { toQuery, type TaskListParams } from "@/lib/dashboard/filters";
import { inListOrder, taskMatcher } from "@/lib/dashboard/task-view";
import { sortCaption } from "@/lib/dashboard/task-list-href";
import { SortHeader } from "./sort-header";
import type { TaskJson } from "@/lib/dashboard/types";
import { durationText, queuedMs, ranMs } from "@/lib/dashboard/task-times";

const th = "w-px whitespace-nowrap px-3 py-2 font-medium";

/** The tasks of one page of the list, live: status changes land in place, new tasks appear where the sort puts them. */
export function TaskTable({
  initial,
  params: filters,
  firstPage,
  lastPage,
}: {
  initial: TaskJson[];
  params: TaskListParams;
  firstPage: boolean;
  lastPage: boolean;
}) {
  const sort = filters.sort ?? "created";
  const order = filters.order ?? "desc";
  const { canWrite } = useLive();
  // Durations of running and pending tasks are counted up to this render (the row re-renders on every change).
  const [renderedAt] = useState(() => Date.now());
  const bulk = useBulkTasks();
  const { rows } = useLiveList({
    entity: "task",
    initial,
    matches: taskMatcher(filters),
    // A new task is the newest: it belongs on the newest end of the time sort only (other sorts keep their pages).
    acceptNew: sort === "created" && (order === "desc" ? firstPage : lastPage),
    compare: inListOrder(sort, order),
    snapshot: () => fetchList<TaskJson>(`/api/cockpit/tasks${toQuery({ ...filters })}`, "tasks"),
  });
  if (rows.length === 0) {
    const filtered = filters.status || filters.executor || filters.search;
    return (
      <EmptyState title={filtered ? "No tasks match these filters" : "No tasks yet"} testId="tasks-empty">
        {filtered ? "Clear the filters to see every task." : "Create one with the New task button, or POST /api/cockpit/tasks from a script."}
      </EmptyState>
    );
  }
  return (
    <>
      {canWrite && <BulkBar bulk={bulk} shownIds={rows.map((t) => t.id)} />}
      <div className={`${card} overflow-hidden`}>
        <table className="w-full text-sm" data-testid="task-table">
          <caption className="sr-only">Tasks, {sortCaption(sort, order).toLowerCase()}</caption>
          <thead className="bg-slate-50 text-left text-xs text-slate-600 dark:bg-slate-800/60 dark:text-slate-400">
            <tr>
              {canWrite && (
                <th scope="col" className={th}>
                  <span className="sr-only">Select</span>
                </th>
              )}
              <th scope="col" className="w-full px-3 py-2 font-medium">
                Task
              </th>
              <th scope="col" className={th}>
                Status
              </th>
              <SortHeader params={filters} sort="priority" className={`${th} hidden sm:table-cell`}>
                Priority
              </SortHeader>
              <th scope="col" className={`${th} hidden lg:table-cell`}>
                Executor
              </th>
              <th scope="col" className={`${th} hidden md:table-cell`}>
                Agent
              </th>
              <SortHeader params={filters} sort="created" className={`${th} hidden sm:table-cell`}>
                Created
              </SortHeader>
              <th scope="col" className={`${th} hidden xl:table-cell`}>
                Queued
              </th>
              <SortHeader params={filters} sort="duration" className={`${th} hidden xl:table-cell`}>
                Duration
              </SortHeader>
              <th scope="col" className={`${th} hidden lg:table-cell`}>
                Finished
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.map((t) => (
              <SwipeableTaskRow key={t.id} task={t} data-nav-row data-testid={`task-row-${t.id}`} data-status={t.status} data-priority={t.priority} className="align-top">
                {canWrite && (
                  <td className="py-2 pr-0 pl-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${t.title}`}
                      className="mt-0.5 size-5 accent-sky-700"
                      checked={bulk.selected.has(t.id)}
                      onChange={() => bulk.toggle(t.id)}
                      data-testid="task-select"
                    />
                  </td>
                )}
                <td className="max-w-0 px-3 py-2.5">
                  <Link href={`/tasks/${t.id}`} className={`${link} block truncate font-medium`}>
                    {t.kind === "fan-out" && <span className="mr-1 text-xs font-normal text-slate-600 dark:text-slate-400">fan-out</span>}
                    {t.title}
                  </Link>
                  <span className="block truncate font-mono text-xs text-slate-600 sm:hidden dark:text-slate-400">
                    {t.priority !== "medium" && `${t.priority} · `}
                    {t.executor} · <RelativeTime iso={t.createdAt} />
                  </span>
                </td>
                <td className="px-3 py-2.5">
                  <StatusBadge status={t.status} testId="task-status" />
                  <RowCancelButton task={t} />
                </td>
                <td className="hidden px-3 py-2.5 sm:table-cell">
                  <PriorityBadge priority={t.priority} />
                </td>
                <td className="hidden px-3 py-2.5 font-mono text-xs lg:table-cell">{t.executor}</td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap md:table-cell">
                  {t.assignedAgentId ? (
                    <Link className={link} href={`/agents#agent-${t.assignedAgentId}`}>
                      {t.assignedAgentId}
                    </Link>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400">—</span>
                  )}
                </td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                  <RelativeTime iso={t.createdAt} precise />
                </td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap tabular-nums xl:table-cell" data-testid="task-queued" suppressHydrationWarning>
                  {durationText(queuedMs(t, renderedAt))}
                </td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap tabular-nums xl:table-cell" data-testid="task-duration" suppressHydrationWarning>
                  {durationText(ranMs(t, renderedAt))}
                </td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
                  <RelativeTime iso={t.completedAt} fallback="—" precise />
                </td>
              </SwipeableTaskRow>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
