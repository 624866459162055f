"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useLive } from "../live/live-context";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { card, link } from "../ui/styles";
import { TaskActions } from "./task-actions";
import { TaskLogs } from "./task-logs";
import type { TaskEventJson, TaskJson } from "@/lib/dashboard/types";
import { versionOf } from "@/lib/dashboard/versions";

type Detail = { task: TaskJson; events: TaskEventJson[] };

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 truncate text-sm">{children}</dd>
    </div>
  );
}

/** The task, its timeline and its output, live; on every socket open it reloads so nothing is missed. */
export function TaskDetail({ initial }: { initial: Detail }) {
  const live = useLive();
  const [detail, setDetail] = useState(initial);
  const [chunks, setChunks] = useState<Map<number, string>>(new Map());
  const id = initial.task.id;

  useEffect(() => {
    let cancelled = false;
    const reload = () =>
      fetch(`/api/cockpit/tasks/${encodeURIComponent(id)}`, { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<Detail>) : null))
        .then((fresh) => {
          if (fresh && !cancelled) setDetail((cur) => (versionOf.task(fresh.task) >= versionOf.task(cur.task) ? fresh : { ...cur, events: fresh.events }));
        })
        .catch(() => undefined);
    const offChange = live.subscribe("task", (task) => {
      if (task.id !== id) return;
      setDetail((cur) => (versionOf.task(task) >= versionOf.task(cur.task) ? { ...cur, task } : cur));
      void reload(); // the timeline is not broadcast; the change tells us it grew
    });
    const offLogs = live.subscribeLogs((c) => {
      if (c.taskId === id) setChunks((m) => new Map(m).set(c.seq, c.chunk));
    });
    if (live.epoch > 0) void reload();
    return () => {
      cancelled = true;
      offChange();
      offLogs();
    };
  }, [id, live.epoch, live.subscribe, live.subscribeLogs]);

  const { task, events } = detail;
  const liveText = [...chunks.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).join("");
  const active = task.status === "assigned" || task.status === "running";
  return (
    <div className="grid gap-4 lg:grid-cols-3" data-testid="task-detail" data-status={task.status}>
      <div className="space-y-4 lg:col-span-2">
        <section className={`${card} p-4`} aria-label="Summary">
          <div className="mb-3 flex flex-wrap items-center gap-2">
            <StatusBadge status={task.status} testId="task-status" />
            <span className="text-xs text-slate-600 dark:text-slate-400">attempt {task.attempt} of {task.maxAttempts} · {task.priority} priority</span>
            <div className="ml-auto">
              <TaskActions task={task} onChange={(next) => setDetail((cur) => (versionOf.task(next) >= versionOf.task(cur.task) ? { ...cur, task: next } : cur))} />
            </div>
          </div>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Field label="Executor"><span className="font-mono">{task.executor}</span></Field>
            <Field label="Agent">
              {task.assignedAgentId ? <Link className={link} href={`/agents#agent-${task.assignedAgentId}`}>{task.assignedAgentId}</Link> : "not yet assigned"}
            </Field>
            <Field label="Requires">{task.requires.length ? task.requires.join(", ") : "anything"}</Field>
            <Field label="Created"><RelativeTime iso={task.createdAt} /> by {task.createdBy ?? "?"}</Field>
            <Field label="Assigned"><RelativeTime iso={task.assignedAt} fallback="—" /></Field>
            <Field label="Finished"><RelativeTime iso={task.completedAt} fallback="—" /></Field>
          </dl>
          {task.error && <p role="alert" className="mt-3 rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">{task.error}</p>}
        </section>
        <TaskLogs text={task.logs || liveText} streaming={active && liveText.length > 0} />
        <div className="grid gap-4 md:grid-cols-2">
          {(["payload", "result"] as const).map((k) => (
            <section key={k} aria-labelledby={`${k}-title`}>
              <h2 id={`${k}-title`} className="mb-2 text-sm font-semibold capitalize">{k}</h2>
              <pre tabIndex={0} data-testid={`task-${k}`} className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs dark:border-slate-800 dark:bg-slate-900">
                {json(task[k]) || <span className="text-slate-600 dark:text-slate-400">none</span>}
              </pre>
            </section>
          ))}
        </div>
      </div>
      <section aria-labelledby="timeline-title" className={`${card} p-4`}>
        <h2 id="timeline-title" className="mb-3 text-sm font-semibold">Timeline</h2>
        <ol className="space-y-3 border-l border-slate-200 pl-4 dark:border-slate-700" data-testid="task-timeline">
          {events.map((e) => (
            <li key={e.id} className="relative">
              <span aria-hidden="true" className="absolute top-1.5 -left-[21px] size-2.5 rounded-full bg-slate-400 ring-2 ring-white dark:ring-slate-900" />
              <p className="text-sm font-medium">
                {e.type}
                {e.toStatus && e.toStatus !== e.type && <span className="font-normal text-slate-600 dark:text-slate-400"> → {e.toStatus.replace("_", " ")}</span>}
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                <RelativeTime iso={e.createdAt} />
                {e.agentId && ` · ${e.agentId}`}
                {e.message && ` · ${e.message}`}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
