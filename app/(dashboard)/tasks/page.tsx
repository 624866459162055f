import type { Metadata } from "next";
import Link from "next/link";
import { TaskBoard } from "@/components/tasks/task-board";
import { TaskTable } from "@/components/tasks/task-table";
import { ViewSwitch, type TaskView } from "@/components/tasks/view-switch";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton } from "@/components/ui/styles";
import { TaskPager } from "@/components/tasks/task-pager";
import { requireSession } from "@/lib/auth/session";
import { taskListParams, toQuery } from "@/lib/dashboard/filters";
import { sortCaption } from "@/lib/dashboard/task-list-href";
import { BOARD_COLUMN_SIZE, loadBoard, loadTasks } from "@/lib/dashboard/loaders";
import { TASK_STATUS_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const session = await requireSession();
  const params = await searchParams;
  const view: TaskView = params.view === "board" ? "board" : "table";
  const filters = taskListParams(params);
  const base = { status: filters.status, executor: filters.executor, search: filters.search };
  const sorting = { sort: filters.sort, order: filters.order, limit: filters.limit };
  const query = (v: TaskView) => toQuery({ ...base, ...(v === "board" ? { status: undefined, view: "board" } : sorting) });
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
      {view === "table" && (
        <>
          <SelectFilter
            name="sort"
            label="Sort by"
            value={filters.sort}
            options={["duration", "priority"]}
            anyLabel="Created"
            labels={{ duration: "Duration", priority: "Priority" }}
          />
          <SelectFilter name="order" label="Order" value={filters.order} options={["asc"]} anyLabel="Descending" labels={{ asc: "Ascending" }} />
          {filters.limit && <input type="hidden" name="limit" value={filters.limit} />}
        </>
      )}
    </FilterBar>
  );

  if (view === "board") {
    const boardFilters = { executor: filters.executor, search: filters.search };
    const { tasks, totals } = await loadBoard(boardFilters);
    const total = Object.values(totals.counts).reduce((a, b) => a + b, 0);
    return (
      <>
        <PageHeader
          title="Tasks"
          description={`${total.toLocaleString("en-US")}${totals.exact ? "" : "+"} task${total === 1 ? "" : "s"} by state, live`}
          actions={actions}
        />
        {filterBar}
        <TaskBoard key={JSON.stringify(boardFilters)} initial={tasks} totals={totals} filters={boardFilters} columnSize={BOARD_COLUMN_SIZE} />
      </>
    );
  }

  const page = await loadTasks(filters);
  const filtered = Boolean(filters.status || filters.executor || filters.search);
  return (
    <>
      <PageHeader
        title="Tasks"
        description={`${page.total.toLocaleString("en-US")}${page.totalExact ? "" : "+"} task${page.total === 1 ? "" : "s"}${filtered ? " match" : ""} · ${sortCaption(filters.sort, filters.order).toLowerCase()}`}
        actions={actions}
      />
      {filterBar}
      {/* A new key per view: the live list restarts from this render instead of mixing views. */}
      <TaskTable key={JSON.stringify(filters)} initial={page.tasks} params={filters} firstPage={page.prevCursor === null} lastPage={page.nextCursor === null} />
      <TaskPager params={filters} page={{ ...page, shown: page.tasks.length }} />
    </>
  );
}
