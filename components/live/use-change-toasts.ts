"use client";
import { useCallback, useRef } from "react";
import type { AlertJson, Entity, EntityJson, TaskJson } from "@/lib/dashboard/types";
import type { useToast } from "../toasts";

/** Toasts for what needs a human now: a new critical alert, a task that failed. Each at most once. */
export function useChangeToasts(toasts: ReturnType<typeof useToast>) {
  const seen = useRef(new Set<string>());
  return useCallback(
    (entity: Entity, row: EntityJson[Entity]) => {
      if (entity === "alert") {
        const alert = row as AlertJson;
        if (alert.severity !== "critical" || alert.acknowledged || seen.current.has(`a:${alert.id}`)) return;
        seen.current.add(`a:${alert.id}`);
        toasts.show({ tone: "critical", title: `Critical: ${alert.title}`, body: alert.message ?? undefined, href: "/alerts?acknowledged=false" });
      } else if (entity === "task") {
        const task = row as TaskJson;
        if ((task.status !== "failed" && task.status !== "timed_out") || seen.current.has(`t:${task.id}:${task.attempt}`)) return;
        seen.current.add(`t:${task.id}:${task.attempt}`);
        toasts.show({
          tone: "error",
          title: `Task ${task.status === "failed" ? "failed" : "timed out"}: ${task.title}`,
          body: task.error ?? undefined,
          href: `/tasks/${task.id}`,
        });
      }
    },
    [toasts],
  );
}
