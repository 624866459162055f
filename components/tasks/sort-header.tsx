import Link from "next/link";
import type { ReactNode } from "react";
import { link } from "../ui/styles";
import type { TaskListParams } from "@/lib/dashboard/filters";
import { sortHref } from "@/lib/dashboard/task-list-href";
import type { TaskSort } from "@/lib/tasks/list-order";

/** A column header that sorts by its column (a second click reverses), announcing the current order. */
export function SortHeader({ params, sort, className, children }: { params: TaskListParams; sort: TaskSort; className: string; children: ReactNode }) {
  const active = (params.sort ?? "created") === sort;
  const order = params.order ?? "desc";
  // Priority descending is most urgent first, as a reader expects.
  const ariaSort = !active ? undefined : order === "desc" ? "descending" : "ascending";
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <Link href={sortHref(params, sort)} className={`${link} inline-flex items-center gap-1`} data-testid={`sort-${sort}`}>
        {children}
        <span aria-hidden="true">{active ? (order === "desc" ? "↓" : "↑") : ""}</span>
      </Link>
    </th>
  );
}
