"use client";
import { useEffect, useState } from "react";
import { useLive } from "../live/live-context";
import type { TaskDetailJson, TaskJson } from "@/lib/dashboard/types";
import { versionOf } from "@/lib/dashboard/versions";

const newer = (incoming: TaskJson, current: TaskJson) => versionOf.task(incoming) >= versionOf.task(current);

/** Replaces a child by id if the incoming row is not older; adds it if new (a fan-out's children are fixed at creation). */
function upsertChild(children: TaskJson[], child: TaskJson): TaskJson[] {
  const index = children.findIndex((c) => c.id === child.id);
  if (index < 0) return [...children, child].sort((a, b) => a.id.localeCompare(b.id));
  if (!newer(child, children[index]!)) return children;
  return children.map((c, i) => (i === index ? child : c));
}

/**
 * A task with its events, attempts and fan-out children, live. Changes to the task itself or to one of its children
 * land at once; the history (not broadcast) is fetched again when the task changes, and on every socket open.
 */
export function useTaskDetail(initial: TaskDetailJson) {
  const live = useLive();
  const [detail, setDetail] = useState(initial);
  const [chunks, setChunks] = useState<Map<number, string>>(new Map());
  const id = initial.task.id;

  useEffect(() => {
    let cancelled = false;
    const reload = () =>
      fetch(`/api/cockpit/tasks/${encodeURIComponent(id)}`, { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<TaskDetailJson>) : null))
        .then((fresh) => {
          if (!fresh || cancelled) return;
          setDetail((cur) => ({
            task: newer(fresh.task, cur.task) ? fresh.task : cur.task,
            events: fresh.events,
            attempts: fresh.attempts ?? cur.attempts,
            children: (fresh.children ?? []).reduce(upsertChild, cur.children),
          }));
        })
        .catch(() => undefined);
    const offChange = live.subscribe("task", (task) => {
      if (task.parentId === id) {
        setDetail((cur) => ({ ...cur, children: upsertChild(cur.children, task) }));
        return;
      }
      if (task.id !== id) return;
      setDetail((cur) => (newer(task, cur.task) ? { ...cur, task } : cur));
      void reload();
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

  const liveText = [...chunks.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).join("");
  const setTask = (next: TaskJson) => setDetail((cur) => (newer(next, cur.task) ? { ...cur, task: next } : cur));
  return { detail, liveText, setTask };
}
