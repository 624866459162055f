import type { Metadata } from "next";
import Link from "next/link";
import { TaskTable } from "@/components/tasks/task-table";
import { FilterBar, SelectFilter, TextFilter } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { requireSession } from "@/lib/auth/session";
import { taskFilters, toQuery } from "@/lib/dashboard/filters";
import { loadTasks, PAGE_SIZE } from "@/lib/dashboard/loaders";
import { TASK_STATUS_LIST } from "@/lib/dashboard/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const session = await requireSession();
  const filters = taskFilters(await searchParams);
  const { tasks, total, nextCursor } = await loadTasks(filters);
  const base = { status: filters.status, executor: filters.executor, search: filters.search };
  return (
    <>
      <PageHeader
        title="Tasks"
        description={`${total} task${total === 1 ? "" : "s"}${filters.status || filters.executor || filters.search ? " match" : ""}`}
        actions={
          session.canWrite && (
            <Link href="/tasks/new" className={primaryButton} data-testid="new-task">
              New task
            </Link>
          )
        }
      />
      <FilterBar action="/tasks" clearHref="/tasks">
        <TextFilter name="search" type="search" label="Title contains" value={filters.search} placeholder="e.g. npm test" />
        <SelectFilter name="status" label="Status" value={filters.status} options={TASK_STATUS_LIST} />
        <TextFilter name="executor" label="Executor" value={filters.executor} placeholder="e.g. shell" narrow />
      </FilterBar>
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
