"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import { PriorityBadge } from "./priority-badge";
import { RetryCountdown } from "./retry-countdown";
import { TaskActions } from "./task-actions";
import { TaskAttempts } from "./task-attempts";
import { TaskChildren } from "./task-children";
import { TaskLogs } from "./task-logs";
import { TaskProvenance } from "./task-provenance";
import { TaskTimeline } from "./task-timeline";
import { useTaskDetail } from "./use-task-detail";
import { formatDuration } from "@/lib/dashboard/duration";
import type { TaskDetailJson } from "@/lib/dashboard/types";

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

function Field({ label, children, wide, testId }: { label: string; children: ReactNode; wide?: boolean; testId?: string }) {
  return (
    <div className={`min-w-0 ${wide ? "col-span-2 sm:col-span-3" : ""}`} data-testid={testId}>
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className={`mt-0.5 text-sm ${wide ? "break-words" : "truncate"}`}>{children}</dd>
    </div>
  );
}

function TaskLinks({ ids, testId }: { ids: string[]; testId: string }) {
  return (
    <span data-testid={testId} className="flex flex-wrap gap-x-3 gap-y-1">
      {ids.map((d) => (
        <Link key={d} href={`/tasks/${d}`} className={`${link} font-mono text-xs`}>
          {d}
        </Link>
      ))}
    </span>
  );
}

/** The task, its attempts, children, timeline and output, live (see useTaskDetail). */
export function TaskDetail({ initial }: { initial: TaskDetailJson }) {
  const { task, children, events, attempts, logs, streaming, truncated, setTask } = useTaskDetail(initial);
  if (!task) {
    return (
      <p role="status" data-testid="task-gone" className={`${card} p-4 text-sm`}>
        This task no longer exists.{" "}
        <Link href="/tasks" className={link}>
          Back to tasks
        </Link>
      </p>
    );
  }
  const backingOff = task.status === "pending" && task.availableAt !== null && task.attempt > 0;
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="task-detail" data-status={task.status}>
      {/* min-w-0: a grid column would otherwise grow to its longest pre line and widen the page on a phone. */}
      <div className="min-w-0 space-y-4 lg:col-span-2">
        <section className={`${card} p-4`} aria-label="Summary">
          <div className="mb-3 flex flex-wrap items-center gap-2">
            <StatusBadge status={task.status} testId="task-status" />
            <PriorityBadge priority={task.priority} />
            <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="task-attempt">
              attempt {task.attempt} of {task.maxAttempts}
              {task.kind === "fan-out" && " · fan-out"}
            </span>
            <div className="ml-auto">
              <TaskActions task={task} onChange={setTask} />
            </div>
          </div>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Field label="Executor">
              <span className="font-mono">{task.executor}</span>
            </Field>
            <Field label="Agent">
              {task.assignedAgentId ? (
                <Link className={link} href={`/agents#agent-${task.assignedAgentId}`}>
                  {task.assignedAgentId}
                </Link>
              ) : task.targetAgentId ? (
                `only ${task.targetAgentId}`
              ) : (
                "not yet assigned"
              )}
            </Field>
            <Field label="Requires">{task.requires.length ? task.requires.join(", ") : "anything"}</Field>
            <Field label="Created">
              <RelativeTime iso={task.createdAt} /> by {task.createdBy ?? "?"}
            </Field>
            <Field label="Started">
              <RelativeTime iso={task.startedAt ?? task.assignedAt} fallback="—" />
            </Field>
            <Field label="Finished">
              <RelativeTime iso={task.completedAt} fallback="—" />
            </Field>
            {task.timeoutMs !== null && (
              <Field label="Run timeout" testId="task-summary-timeout">
                {formatDuration(task.timeoutMs)} per attempt
              </Field>
            )}
            {task.expiresAt && task.status === "pending" && (
              <Field label="Queue deadline">
                <RelativeTime iso={task.expiresAt} />
              </Field>
            )}
            {task.parentId && (
              <Field label="Part of">
                <TaskLinks ids={[task.parentId]} testId="task-parent" />
              </Field>
            )}
            {task.dependsOn.length > 0 && (
              <Field label="Depends on" wide>
                <TaskLinks ids={task.dependsOn} testId="task-depends-on" />
              </Field>
            )}
          </dl>
          {backingOff && task.availableAt && <RetryCountdown availableAt={task.availableAt} />}
          {task.error && (
            <p
              role="alert"
              data-testid="task-error"
              className="mt-3 rounded-md bg-red-50 p-2 text-sm break-words text-red-800 dark:bg-red-950 dark:text-red-200"
            >
              {task.error}
            </p>
          )}
        </section>
        {children.length > 0 && <TaskChildren items={children} />}
        <TaskProvenance provenance={task.provenance} requiresRepo={task.requiresRepo} waiting={task.status === "pending" ? initial.waiting : null} />
        {task.kind !== "fan-out" && <TaskLogs taskId={task.id} text={logs} streaming={streaming} truncated={truncated} />}
        <div className="grid gap-4 md:grid-cols-2">
          {(["payload", "result"] as const).map((k) => (
            <section key={k} aria-labelledby={`${k}-title`} className="min-w-0">
              <h2 id={`${k}-title`} className="mb-2 text-sm font-semibold capitalize">
                {k}
              </h2>
              <pre
                tabIndex={0}
                data-testid={`task-${k}`}
                className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs dark:border-slate-800 dark:bg-slate-900"
              >
                {json(task[k]) || <span className="text-slate-600 dark:text-slate-400">none</span>}
              </pre>
            </section>
          ))}
        </div>
      </div>
      <div className="min-w-0 space-y-4">
        {task.kind !== "fan-out" && <TaskAttempts attempts={attempts} maxAttempts={task.maxAttempts} />}
        <TaskTimeline events={events} />
      </div>
    </div>
  );
}
