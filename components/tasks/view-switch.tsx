import Link from "next/link";
import { focusRing } from "../ui/styles";

export type TaskView = "table" | "board";

/** Two links that keep the filters: the view lives in the URL like every other filter. */
export function ViewSwitch({ view, query }: { view: TaskView; query: (view: TaskView) => string }) {
  const item = (v: TaskView, label: string) => (
    <Link
      href={`/tasks${query(v)}`}
      aria-current={view === v ? "page" : undefined}
      data-testid={`view-${v}`}
      className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium sm:min-h-9 ${focusRing} ${
        view === v
          ? "bg-white text-slate-900 shadow-sm dark:bg-slate-700 dark:text-white"
          : "text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
      }`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Task view" className="inline-flex rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
      {item("table", "Table")}
      {item("board", "Board")}
    </nav>
  );
}
