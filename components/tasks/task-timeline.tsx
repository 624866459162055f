import { RelativeTime } from "../ui/relative-time";
import { card } from "../ui/styles";
import type { TaskEventJson } from "@/lib/dashboard/types";

/** Every transition of the task, oldest first. */
export function TaskTimeline({ events }: { events: TaskEventJson[] }) {
  return (
    <section aria-labelledby="timeline-title" className={`${card} p-4`}>
      <h2 id="timeline-title" className="mb-3 text-sm font-semibold">
        Timeline
      </h2>
      <ol className="space-y-3 border-l border-slate-200 pl-4 dark:border-slate-700" data-testid="task-timeline">
        {events.map((e) => (
          <li key={e.id} className="relative">
            <span aria-hidden="true" className="absolute top-1.5 -left-[21px] size-2.5 rounded-full bg-slate-400 ring-2 ring-white dark:ring-slate-900" />
            <p className="text-sm font-medium">
              {e.type}
              {e.toStatus && e.toStatus !== e.type && <span className="font-normal text-slate-600 dark:text-slate-400"> → {e.toStatus.replace("_", " ")}</span>}
            </p>
            <p className="text-xs break-words text-slate-600 dark:text-slate-400">
              <RelativeTime iso={e.createdAt} />
              {e.attempt ? ` · attempt ${e.attempt}` : ""}
              {e.agentId && ` · ${e.agentId}`}
              {e.message && ` · ${e.message}`}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
