import { formatDuration } from "./duration";

type Times = { status: string; createdAt: string | null; assignedAt: string | null; startedAt: string | null; completedAt: string | null };

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** How long the task waited before it started: until now while still pending; null when it never started. */
export function queuedMs(t: Times, now: number): number | null {
  const created = ms(t.createdAt);
  if (created === null) return null;
  const start = ms(t.startedAt) ?? ms(t.assignedAt);
  if (start !== null) return Math.max(0, start - created);
  return t.status === "pending" ? Math.max(0, now - created) : null;
}

/** How long it ran: until now while running; null when it never started. */
export function ranMs(t: Times, now: number): number | null {
  const start = ms(t.startedAt);
  if (start === null) return null;
  const end = ms(t.completedAt) ?? (t.status === "running" ? now : null);
  return end === null ? null : Math.max(0, end - start);
}

export const durationText = (v: number | null) => (v === null ? "—" : formatDuration(v));
