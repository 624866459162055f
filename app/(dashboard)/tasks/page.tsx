import type { Metadata } from "next";
import Link from "next/link";
import { TaskBoard } from "@/components/tasks/task-board";
import { TaskTable } from "@/components/tasks/task-table";
import { ViewSwitch, type TaskView } from "@/components/tasks/view-switch";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { requireSession } from "@/lib/auth/session";
import { taskFilters, toQuery } from "@/lib/dashboard/filters";
import { BOARD_COLUMN_SIZE, loadBoard, loadTasks, PAGE_SIZE } from "@/lib/dashboard/loaders";
import { TASK_STATUS_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const session = await requireSession();
  const params = await searchParams;
  const view: TaskView = params.view === "board" ? "board" : "table";
  const filters = taskFilters(params);
  const base = { status: filters.status, executor: filters.executor, search: filters.search };
  const query = (v: TaskView) => toQuery({ ...base, ...(v === "board" ? { status: undefined, view: "board" } : {}) });
  const actions = (
    <div className="flex flex-wrap items-center gap-2">
      <ViewSwitch view={view} query={query} />
      {session.canWrite && (
        <Link href="/tasks/new" className={primaryButton} data-testid="new-task">
          New task
        </Link>
      )}
    </div>
  );
  const filterBar = (
    <FilterBar action="/tasks" clearHref={view === "board" ? "/tasks?view=board" : "/tasks"}>
      {view === "board" && <input type="hidden" name="view" value="board" />}
      <TextFilter name="search" type="search" label="Title contains" value={filters.search} placeholder="e.g. npm test" />
      {view === "table" && <SelectFilter name="status" label="Status" value={filters.status} options={TASK_STATUS_LIST} />}
      <TextFilter name="executor" label="Executor" value={filters.executor} placeholder="e.g. shell" narrow />
    </FilterBar>
  );

  if (view === "board") {
    const boardFilters = { executor: filters.executor, search: filters.search };
    const { tasks, totals } = await loadBoard(boardFilters);
    const total = Object.values(totals).reduce((a, b) => a + b, 0);
    return (
      <>
        <PageHeader title="Tasks" description={`${total} task${total === 1 ? "" : "s"} by state, live`} actions={actions} />
        {filterBar}
        <TaskBoard key={JSON.stringify(boardFilters)} initial={tasks} totals={totals} filters={boardFilters} columnSize={BOARD_COLUMN_SIZE} />
      </>
    );
  }

  const { tasks, total, nextCursor } = await loadTasks(filters);
  return (
    <>
      <PageHeader
        title="Tasks"
        description={`${total} task${total === 1 ? "" : "s"}${filters.status || filters.executor || filters.search ? " match" : ""}`}
        actions={actions}
      />
      {filterBar}
      {/* A new key per filter set: the live list restarts from this render instead of mixing views. */}
      <TaskTable key={JSON.stringify(filters)} initial={tasks} filters={filters} pageSize={PAGE_SIZE} />
      <nav aria-label="Pages" className="mt-4 flex gap-2">
        {filters.cursor && (
          <Link href={`/tasks${toQuery(base)}`} className={secondaryButton}>
            ← Newest
          </Link>
        )}
        {nextCursor && (
          <Link href={`/tasks${toQuery({ ...base, cursor: nextCursor })}`} className={secondaryButton} data-testid="next-page">
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}
