"use client";
import { useLiveSync } from "../live/use-live-sync";
import { fetchList } from "../live/use-live-list";
import type { ActiveTask, TaskJson } from "@/lib/dashboard/types";
import { versionOf } from "@/lib/dashboard/versions";

/** A task as the agents page keeps it: who holds it, and how new that word is. */
type Holding = ActiveTask & { agentId: string | null; active: boolean; version: number };

const toHolding = (t: TaskJson): Holding => ({
  id: t.id,
  title: t.title,
  agentId: t.assignedAgentId,
  active: (t.status === "assigned" || t.status === "running") && t.assignedAgentId !== null,
  version: versionOf.task(t),
});
const byId = (a: Holding, b: Holding) => a.id.localeCompare(b.id);

/**
 * Which tasks each agent holds now, through the same live-sync primitive as every list: seeded by the server render
 * (version 0, so anything heard later wins), kept by task changes, read again on every socket open.
 */
export function useActiveTasks(initial: Record<string, ActiveTask[]>) {
  const { rows } = useLiveSync({
    entity: "task",
    select: toHolding,
    key: (h) => h.id,
    version: (h) => h.version,
    matches: (h) => h.active,
    acceptNew: true,
    compare: byId,
    initial: Object.entries(initial).flatMap(([agentId, tasks]) => tasks.map((t) => ({ ...t, agentId, active: true, version: 0 }))),
    snapshot: async () => {
      const lists = await Promise.all(["assigned", "running"].map((s) => fetchList<TaskJson>(`/api/cockpit/tasks?status=${s}&limit=200`, "tasks")));
      return lists.flat().map(toHolding);
    },
  });
  const byAgent: Record<string, ActiveTask[]> = {};
  for (const h of rows) if (h.agentId) (byAgent[h.agentId] ??= []).push({ id: h.id, title: h.title });
  return byAgent;
}
