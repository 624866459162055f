"use client";
import Link from "next/link";
import { fetchList, useLiveList } from "../live/use-live-list";
import { StatusBadge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import { toQuery, type TaskFilters } from "@/lib/dashboard/filters";
import type { TaskJson } from "@/lib/dashboard/types";

const newestFirst = (a: TaskJson, b: TaskJson) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id.localeCompare(a.id);

function matches(f: TaskFilters) {
  const search = f.search?.toLowerCase();
  return (t: TaskJson) =>
    (!f.status || t.status === f.status) && (!f.executor || t.executor === f.executor) && (!search || t.title.toLowerCase().includes(search));
}

/** The tasks of one page of the list, live: status changes land in place, new tasks appear on the first page. */
export function TaskTable({ initial, filters, pageSize }: { initial: TaskJson[]; filters: TaskFilters; pageSize: number }) {
  const { rows } = useLiveList({
    entity: "task",
    initial,
    matches: matches(filters),
    acceptNew: !filters.cursor,
    compare: newestFirst,
    snapshot: () => fetchList<TaskJson>(`/api/cockpit/tasks${toQuery({ ...filters, limit: pageSize })}`, "tasks"),
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
    <div className={`${card} overflow-hidden`}>
      <table className="w-full text-sm" data-testid="task-table">
        <caption className="sr-only">Tasks, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs text-slate-600 dark:bg-slate-800/60 dark:text-slate-400">
          <tr>
            <th scope="col" className="w-full px-3 py-2 font-medium">Task</th>
            <th scope="col" className="w-px whitespace-nowrap px-3 py-2 font-medium">Status</th>
            <th scope="col" className="w-px whitespace-nowrap hidden px-3 py-2 font-medium sm:table-cell">Executor</th>
            <th scope="col" className="w-px whitespace-nowrap hidden px-3 py-2 font-medium md:table-cell">Agent</th>
            <th scope="col" className="w-px whitespace-nowrap hidden px-3 py-2 font-medium sm:table-cell">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((t) => (
            <tr key={t.id} data-testid={`task-row-${t.id}`} data-status={t.status} className="align-top">
              <td className="max-w-0 px-3 py-2.5">
                <Link href={`/tasks/${t.id}`} className={`${link} block truncate font-medium`}>
                  {t.title}
                </Link>
                <span className="block truncate font-mono text-xs text-slate-600 sm:hidden dark:text-slate-400">
                  {t.executor} · <RelativeTime iso={t.createdAt} />
                </span>
              </td>
              <td className="px-3 py-2.5">
                <StatusBadge status={t.status} testId="task-status" />
              </td>
              <td className="hidden px-3 py-2.5 font-mono text-xs sm:table-cell">{t.executor}</td>
              <td className="hidden px-3 py-2.5 md:table-cell">
                {t.assignedAgentId ? (
                  <Link className={link} href={`/agents#agent-${t.assignedAgentId}`}>
                    {t.assignedAgentId}
                  </Link>
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">—</span>
                )}
              </td>
              <td className="hidden px-3 py-2.5 whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                <RelativeTime iso={t.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
