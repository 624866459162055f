"use client";
import { useEffect, useState } from "react";
import { useLive } from "../live/live-context";
import { fetchList } from "../live/use-live-list";
import type { TaskJson } from "@/lib/dashboard/types";

type Active = Record<string, string[]>;
const isActive = (t: TaskJson) => (t.status === "assigned" || t.status === "running") && !!t.assignedAgentId;

/** Which task each agent holds now: seeded by the server, kept by task changes, reloaded on every socket open. */
export function useActiveTasks(initial: Active) {
  const live = useLive();
  const [byTask, setByTask] = useState<Map<string, string>>(() => new Map(Object.entries(initial).flatMap(([agent, ids]) => ids.map((id) => [id, agent] as const))));

  useEffect(() => {
    const off = live.subscribe("task", (t) =>
      setByTask((m) => {
        const next = new Map(m);
        if (isActive(t)) next.set(t.id, t.assignedAgentId!);
        else next.delete(t.id);
        return next;
      }),
    );
    if (live.epoch > 0) {
      void Promise.all(["assigned", "running"].map((s) => fetchList<TaskJson>(`/api/cockpit/tasks?status=${s}&limit=200`, "tasks")))
        .then((lists) => setByTask(new Map(lists.flat().filter(isActive).map((t) => [t.id, t.assignedAgentId!]))))
        .catch(() => undefined);
    }
    return off;
  }, [live.epoch, live.subscribe]);

  const byAgent: Active = {};
  for (const [task, agent] of byTask) (byAgent[agent] ??= []).push(task);
  return byAgent;
}
