"use client";
import { useEffect, useState } from "react";
import { useLive } from "../live/live-context";
import { fetchList } from "../live/use-live-list";
import type { ActiveTask, TaskJson } from "@/lib/dashboard/types";

type Held = ActiveTask & { agentId: string };
const isActive = (t: TaskJson) => (t.status === "assigned" || t.status === "running") && !!t.assignedAgentId;
const held = (t: TaskJson): [string, Held] => [t.id, { id: t.id, title: t.title, agentId: t.assignedAgentId! }];

/** Which tasks each agent holds now: seeded by the server, kept by task changes, reloaded on every socket open. */
export function useActiveTasks(initial: Record<string, ActiveTask[]>) {
  const live = useLive();
  const [byTask, setByTask] = useState<Map<string, Held>>(
    () => new Map(Object.entries(initial).flatMap(([agentId, tasks]) => tasks.map((t) => [t.id, { ...t, agentId }] as const))),
  );

  useEffect(() => {
    const off = live.subscribe("task", (t) =>
      setByTask((m) => {
        const next = new Map(m);
        if (isActive(t)) next.set(...held(t));
        else next.delete(t.id);
        return next;
      }),
    );
    if (live.epoch > 0) {
      void Promise.all(["assigned", "running"].map((s) => fetchList<TaskJson>(`/api/cockpit/tasks?status=${s}&limit=200`, "tasks")))
        .then((lists) => setByTask(new Map(lists.flat().filter(isActive).map(held))))
        .catch(() => undefined);
    }
    return off;
  }, [live.epoch, live.subscribe]);

  const byAgent: Record<string, ActiveTask[]> = {};
  for (const t of byTask.values()) (byAgent[t.agentId] ??= []).push(t);
  return byAgent;
}
