"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLive } from "../live/live-context";
import { useLiveList } from "../live/use-live-list";
import { useLiveRow } from "../live/use-live-row";
import { addChunk, emptyLog, holderOutput, noteTask, resumePoint, shownLogs } from "@/lib/dashboard/live-log";
import type { LogRelay } from "@/lib/dashboard/live-frames";
import { useStoredLog } from "./use-stored-log";
import type { TaskAttemptJson, TaskDetailJson, TaskEventJson, TaskJson } from "@/lib/dashboard/types";
import { versionOf } from "@/lib/dashboard/versions";

type History = { events: TaskEventJson[]; attempts: TaskAttemptJson[]; logs: string | null };
const byId = (a: TaskJson, b: TaskJson) => a.id.localeCompare(b.id);
/** The history (events, attempts, stored logs) changes only when the task changes state or attempt. */
const stageOf = (t: TaskJson) => `${t.status}:${t.attempt}`;

/** GET the task page's data; null when the task no longer exists, throws on any other failure. */
async function fetchDetail(id: string): Promise<TaskDetailJson | null> {
  const res = await fetch(`/api/cockpit/tasks/${encodeURIComponent(id)}`, { cache: "no-store", credentials: "same-origin" });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`task ${id}: HTTP ${res.status}`);
  return (await res.json()) as TaskDetailJson;
}

/**
 * A task with its fan-out children, history and output, live. The row and the children are live-sync views (change
 * frames, which carry no logs); the history (events, attempts, stored logs) is not broadcast, so it is read when the
 * row moves to another state or attempt, and on every socket open. Output streams in from the holder's task-log
 * relays and is shown over the stored logs while the task runs.
 */
export function useTaskDetail(initial: TaskDetailJson) {
  const live = useLive();
  const id = initial.task.id;
  const [history, setHistory] = useState<History>({ events: initial.events, attempts: initial.attempts, logs: initial.task.logs ?? null });
  const [log, setLog] = useState(() => emptyLog(initial.task, versionOf.task(initial.task)));
  const historyStage = useRef(stageOf(initial.task));

  // One REST read serves the row's and the children's snapshots of the same socket open; the newest read wins.
  const reads = useRef({ issued: 0, applied: 0, shared: null as { epoch: number; read: Promise<TaskDetailJson | null> } | null });
  const read = useCallback(() => {
    const n = ++reads.current.issued;
    return fetchDetail(id).then((detail) => {
      if (detail && n > reads.current.applied) {
        reads.current.applied = n;
        historyStage.current = stageOf(detail.task);
        setHistory({ events: detail.events, attempts: detail.attempts ?? [], logs: detail.task.logs ?? null });
        setLog((l) => noteTask(l, detail.task, versionOf.task(detail.task)));
      }
      return detail;
    });
  }, [id]);
  const readForEpoch = () => {
    const shared = reads.current.shared;
    if (shared?.epoch === live.epoch) return shared.read;
    const next = { epoch: live.epoch, read: read() };
    reads.current.shared = next;
    return next.read;
  };

  const { row: task, apply: applyTask } = useLiveRow({ entity: "task", initial: initial.task, snapshot: () => readForEpoch().then((d) => d?.task ?? null) });
  const { rows: children, apply: applyChildren } = useLiveList({
    entity: "task",
    initial: initial.children,
    matches: (t) => t.parentId === id,
    acceptNew: true,
    compare: byId,
    snapshot: () => readForEpoch().then((d) => d?.children ?? []),
  });

  useEffect(() => {
    // Socket order matters here: a chunk that names no attempt belongs to the attempt last heard before it.
    const offChange = live.subscribe("task", ({ row }) => {
      if (row.id === id) setLog((l) => noteTask(l, row, versionOf.task(row)));
    });
    const offLogs = live.subscribeLogs((relay) => {
      if (relay.taskId === id) setLog((l) => addChunk(l, relay));
    });
    return () => {
      offChange();
      offLogs();
    };
  }, [id, live.subscribe, live.subscribeLogs]);

  // A row that moved on past the history we show (a change frame): read the history again.
  const stage = task ? stageOf(task) : null;
  useEffect(() => {
    if (stage === null || stage === historyStage.current) return;
    historyStage.current = stage;
    read()
      .then((detail) => {
        if (!detail) return;
        applyTask([detail.task]);
        applyChildren(detail.children ?? []);
      })
      .catch(() => undefined); // keep what we show; the next change or socket open reads again
  }, [stage, read, applyTask, applyChildren]);

  // Output streamed before this page opened is read from the store and merged by seq with what streams in.
  const [truncated, setTruncated] = useState(false);
  const addStored = useCallback((relay: LogRelay) => setLog((l) => addChunk(l, relay)), []);
  const resume = task ? resumePoint(log, task) : { after: -1, gap: false };
  useStoredLog({ id, task, epoch: live.epoch, resume, add: addStored, onTruncated: setTruncated });

  const liveText = task ? holderOutput(log, task) : "";
  const active = task?.status === "assigned" || task?.status === "running";
  const logs = task ? shownLogs(task, history.logs, liveText) : (history.logs ?? "");
  const setTask = (next: TaskJson) => applyTask([next]);
  return {
    task,
    children,
    events: history.events,
    attempts: history.attempts,
    logs,
    streaming: active && liveText.length > 0,
    truncated: active && truncated,
    setTask,
  };
}
