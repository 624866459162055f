"use client";
import { useEffect, useRef } from "react";
import type { LogRelay } from "@/lib/dashboard/live-frames";
import type { TaskJson } from "@/lib/dashboard/types";

type LogPageJson = { attempt: number; chunks: { seq: number; chunk: string }[]; truncated: boolean; more: boolean };

/**
 * Reads the running attempt's stored output (GET /api/cockpit/tasks/:id/logs) page by page and hands each chunk to
 * `add` as if it had been relayed live; chunks are keyed by seq, so a chunk heard both ways counts once. Reads when
 * the page opens, on every socket open (`epoch`) and when the live chunks show a hole (`gapAfter`).
 */
export function useStoredLog(opts: {
  id: string;
  task: TaskJson | null;
  epoch: number;
  resume: { after: number; gap: boolean };
  add: (relay: LogRelay) => void;
  onTruncated: (truncated: boolean) => void;
}) {
  const { id, task, epoch, add, onTruncated } = opts;
  const active = task?.status === "assigned" || task?.status === "running";
  const holder = task?.assignedAgentId ?? null;
  const attempt = task?.attempt ?? 0;
  const resume = useRef(opts.resume);
  resume.current = opts.resume;
  const gapAfter = opts.resume.gap ? opts.resume.after : null;

  useEffect(() => {
    if (!active || !holder) return;
    let stopped = false;
    (async () => {
      let after = resume.current.gap ? resume.current.after : -1;
      for (let pages = 0; pages < 64 && !stopped; pages++) {
        const url = `/api/cockpit/tasks/${encodeURIComponent(id)}/logs?attempt=${attempt}&after=${after}`;
        const res = await fetch(url, { cache: "no-store", credentials: "same-origin" });
        if (!res.ok || stopped) return;
        const page = (await res.json()) as LogPageJson;
        onTruncated(page.truncated);
        for (const c of page.chunks) add({ type: "task-log", taskId: id, agentId: holder, seq: c.seq, chunk: c.chunk, attempt: page.attempt });
        const last = page.chunks[page.chunks.length - 1];
        if (!page.more || !last) return;
        after = last.seq;
      }
    })().catch(() => undefined); // the live stream goes on; the next socket open reads again
    return () => {
      stopped = true;
    };
  }, [id, active, holder, attempt, epoch, gapAfter, add, onTruncated]);
}
