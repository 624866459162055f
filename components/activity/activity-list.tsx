import Link from "next/link";
import { activityHref, type ActivityJson, type ActivityKind } from "@/lib/activity/types";
import { Badge, STATUS_TONE, type Tone } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { focusRing } from "../ui/styles";

const KIND_TONE: Record<ActivityKind, Tone> = { task: "blue", git: "violet", alert: "red", agent: "green", approval: "amber", command: "slate" };

/** The feed's entries, newest first; shared by the overview (server-rendered) and the feed page (live, client). */
export function ActivityList({ entries, testId = "activity-list" }: { entries: readonly ActivityJson[]; testId?: string }) {
  return (
    <ol className="divide-y divide-slate-200 dark:divide-slate-800" data-testid={testId}>
      {entries.map((e) => {
        const href = activityHref(e);
        return (
          <li key={e.id} className="flex min-w-0 items-start gap-2 py-2" data-testid="activity-entry" data-kind={e.kind} data-type={e.type} data-subject={e.subjectId ?? ""}>
            <Badge tone={STATUS_TONE[e.type] ?? KIND_TONE[e.kind]}>{e.kind}</Badge>
            <div className="min-w-0 flex-1">
              <p className="text-sm break-words text-slate-900 dark:text-slate-100">
                {href ? (
                  <Link href={href} className={`${focusRing} rounded-sm hover:underline`}>
                    {e.title}
                  </Link>
                ) : (
                  e.title
                )}
              </p>
              {(e.message || e.actor) && (
                <p className="text-xs break-words text-slate-600 dark:text-slate-400">
                  {e.actor ? `by ${e.actor}` : ""}
                  {e.actor && e.message ? " · " : ""}
                  {e.message}
                </p>
              )}
            </div>
            <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
              <RelativeTime iso={e.at} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
