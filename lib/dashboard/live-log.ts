import type { LogRelay } from "./live-frames";

/**
 * Live output of one task, as pure functions. Chunks are kept as heard and filtered when shown, against the task
 * row of that render: output counts only from the agent holding the task and, when the chunk names one, for the
 * attempt it holds. Anyone else's chunks are never shown.
 */
export type Holder = { assignedAgentId: string | null; attempt: number };
type Chunk = Pick<LogRelay, "agentId" | "seq" | "chunk"> & { attempt: number };
export type LiveLog = {
  chunks: readonly Chunk[];
  size: number;
  /** The task's attempt as last heard (with that row's version): a chunk that names no attempt belongs to it. */
  heard: { attempt: number; version: number };
};

/** The page keeps at most this much live output (the oldest goes first); the stored logs hold the full tail. */
export const LIVE_LOG_LIMIT = 1024 * 1024;

export function emptyLog(task: { attempt: number }, version: number): LiveLog {
  return { chunks: [], size: 0, heard: { attempt: task.attempt, version } };
}

export function isFromHolder(chunk: Pick<LogRelay, "agentId" | "attempt">, task: Holder): boolean {
  return task.assignedAgentId !== null && chunk.agentId === task.assignedAgentId && (chunk.attempt === undefined || chunk.attempt === task.attempt);
}

/**
 * The task row changed (heard in socket order, beside the chunks, or read over REST). Only a newer row counts, so
 * an untagged chunk is dated by the attempt that was current when it arrived, not by one that came later.
 */
export function noteTask(log: LiveLog, task: { attempt: number }, version: number): LiveLog {
  if (version < log.heard.version || (version === log.heard.version && task.attempt === log.heard.attempt)) return log;
  return { ...log, heard: { attempt: task.attempt, version } };
}

export function addChunk(log: LiveLog, relay: LogRelay): LiveLog {
  const attempt = relay.attempt ?? log.heard.attempt;
  // Heard live and read from the store: the same chunk counts once.
  if (log.chunks.some((c) => c.seq === relay.seq && c.attempt === attempt && c.agentId === relay.agentId)) return log;
  const chunks = [...log.chunks, { agentId: relay.agentId, seq: relay.seq, chunk: relay.chunk, attempt }];
  let size = log.size + relay.chunk.length;
  let drop = 0;
  while (size > LIVE_LOG_LIMIT && drop < chunks.length - 1) size -= chunks[drop++]!.chunk.length;
  return { ...log, chunks: drop ? chunks.slice(drop) : chunks, size };
}

/** The holder's output in sequence order (a repeated seq counts once, the latest copy). */
export function holderOutput(log: LiveLog, task: Holder): string {
  const bySeq = new Map<number, string>();
  for (const c of log.chunks) if (isFromHolder(c, task)) bySeq.set(c.seq, c.chunk);
  return [...bySeq.entries()]
    .sort((a, b) => a[0] - b[0])
    .map((e) => e[1])
    .join("");
}

/** What the logs panel shows: the holder's live output while it runs, else the stored logs of the last result. */
export function shownLogs(task: { status: string }, stored: string | null, live: string): string {
  const active = task.status === "assigned" || task.status === "running";
  return active && live ? live : stored || live;
}

/**
 * Where to read stored output from: the highest seq of the holder's chunks up to which nothing is missing (from the
 * lowest one held), or -1 when none are held. A chunk broadcast before this page's socket opened but stored after
 * its first read leaves a hole; `gap` says one exists, so the page reads the store again from `after`.
 */
export function resumePoint(log: LiveLog, task: Holder): { after: number; gap: boolean } {
  const seqs = [...new Set(log.chunks.filter((c) => isFromHolder(c, task) && c.attempt === task.attempt).map((c) => c.seq))].sort((a, b) => a - b);
  if (seqs.length === 0) return { after: -1, gap: false };
  let after = seqs[0]!;
  for (const seq of seqs.slice(1)) {
    if (seq !== after + 1) return { after, gap: true };
    after = seq;
  }
  return { after, gap: false };
}
