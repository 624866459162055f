import Link from "next/link";
import { secondaryButton, link } from "../ui/styles";
import type { TaskListParams } from "@/lib/dashboard/filters";
import { pageLabels, taskListHref } from "@/lib/dashboard/task-list-href";
import { PAGE_SIZES, rangeText } from "@/lib/tasks/list-order";

type Page = { start: number | null; shown: number; total: number; totalExact: boolean; nextCursor: string | null; prevCursor: string | null };

/** "51–100 of 2,060", the pages either side, and the page size: all plain links, so paging works without JavaScript. */
export function TaskPager({ params, page }: { params: TaskListParams; page: Page }) {
  const labels = pageLabels(params.sort ?? "created", params.order ?? "desc");
  const firstPage = { after: undefined, before: undefined, cursor: undefined };
  const size = params.limit ?? 50;
  const onLaterPage = Boolean(params.after || params.before || params.cursor);
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="task-pager">
      <p className="text-sm text-slate-700 tabular-nums dark:text-slate-300" data-testid="task-range" aria-live="polite">
        {rangeText(page.start, page.shown, page.total, page.totalExact)}
      </p>
      <div className="flex flex-wrap gap-2">
        {onLaterPage && !page.prevCursor && (
          <Link href={taskListHref(params, firstPage)} className={secondaryButton} data-testid="first-page">
            First page
          </Link>
        )}
        {page.prevCursor && (
          <Link href={taskListHref(params, { ...firstPage, before: page.prevCursor })} className={secondaryButton} data-testid="prev-page" rel="prev">
            ← {labels.prev}
          </Link>
        )}
        {page.nextCursor && (
          <Link href={taskListHref(params, { ...firstPage, after: page.nextCursor })} className={secondaryButton} data-testid="next-page" rel="next">
            {labels.next} →
          </Link>
        )}
      </div>
      <p className="flex items-center gap-2 text-sm text-slate-700 sm:ml-auto dark:text-slate-300" data-testid="page-size">
        <span>Per page</span>
        {PAGE_SIZES.map((n) =>
          n === size ? (
            <span key={n} aria-current="true" className="rounded-sm px-1.5 py-1 font-semibold text-slate-900 dark:text-slate-100">
              {n}
            </span>
          ) : (
            <Link key={n} href={taskListHref(params, { ...firstPage, limit: n })} className={`${link} px-1.5 py-1`} aria-label={`${n} per page`}>
              {n}
            </Link>
          ),
        )}
      </p>
    </nav>
  );
}
