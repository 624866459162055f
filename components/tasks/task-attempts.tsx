import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import Link from "next/link";
import { formatDuration } from "@/lib/dashboard/duration";
import type { TaskAttemptJson } from "@/lib/dashboard/types";

const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);

function timing(a: TaskAttemptJson): string {
  const assigned = ms(a.assignedAt);
  const started = ms(a.startedAt);
  const ended = ms(a.endedAt);
  const parts: string[] = [];
  if (assigned !== null && started !== null) parts.push(`accepted after ${formatDuration(started - assigned)}`);
  if (started !== null && ended !== null) parts.push(`ran ${formatDuration(ended - started)}`);
  else if (assigned !== null && ended !== null) parts.push(`ended after ${formatDuration(ended - assigned)}`);
  return parts.join(" · ");
}

/** Each attempt: which agent, when, how long, how it ended and why. Newest last, like the timeline. */
export function TaskAttempts({ attempts, maxAttempts }: { attempts: TaskAttemptJson[]; maxAttempts: number }) {
  return (
    <section aria-labelledby="attempts-title" className={`${card} p-4`}>
      <h2 id="attempts-title" className="mb-3 flex items-baseline justify-between gap-2 text-sm font-semibold">
        Attempts
        <span className="text-xs font-normal text-slate-600 dark:text-slate-400">
          {attempts.length} of at most {maxAttempts}
        </span>
      </h2>
      {attempts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Not given to an agent yet.</p>
      ) : (
        <ol className="space-y-2" data-testid="task-attempts">
          {attempts.map((a) => (
            <li
              key={a.attempt}
              data-testid={`attempt-${a.attempt}`}
              data-outcome={a.outcome ?? "in_progress"}
              className="rounded-md border border-slate-200 p-2.5 dark:border-slate-700"
              title={[`assigned ${a.assignedAt ?? "?"}`, a.startedAt && `started ${a.startedAt}`, a.endedAt && `ended ${a.endedAt}`].filter(Boolean).join("\n")}
            >
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">#{a.attempt}</span>
                {a.outcome ? <StatusBadge status={a.outcome} testId="attempt-outcome" /> : <StatusBadge status="running" testId="attempt-outcome" />}
                {a.agentId && (
                  <Link className={`${link} truncate`} href={`/agents#agent-${a.agentId}`} data-testid="attempt-agent">
                    {a.agentId}
                  </Link>
                )}
                <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
                  <RelativeTime iso={a.endedAt ?? a.startedAt ?? a.assignedAt} />
                </span>
              </div>
              {timing(a) && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{timing(a)}</p>}
              {a.reason && (
                <p className="mt-1 text-xs break-words text-slate-800 dark:text-slate-200" data-testid="attempt-reason">
                  {a.reason}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
