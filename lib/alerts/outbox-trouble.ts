/** Pure decisions about the notification outbox's own trouble: a channel failing again and again, a backlog that waits. */

/** Results that count as a send attempt; "skipped" and "deferred" (quiet hours) say nothing about the channel. */
const ATTEMPTS = new Set(["sent", "retry", "failed"]);

/** Newest first: the channel is failing when its last `n` attempts all failed (a retry is a failed attempt). */
export function failingStreak(newestFirst: readonly string[], n: number): boolean {
  const attempts = newestFirst.filter((r) => ATTEMPTS.has(r)).slice(0, n);
  return attempts.length >= n && attempts.every((r) => r !== "sent");
}

export const channelFailingKey = (channelId: string) => `cockpit:notify-channel:${channelId}`;
export const OUTBOX_BACKLOG_KEY = "cockpit:notify-backlog";

export type Backlog = { overdue: number; oldestDueAt: number | null };

/** Notifications due for longer than `thresholdMs` and still not sent mean the sender is stuck or far behind. */
export function backlogTitle(b: Backlog, thresholdMs: number): string {
  const minutes = Math.max(1, Math.round(thresholdMs / 60_000));
  return `${b.overdue} notification${b.overdue === 1 ? "" : "s"} waiting more than ${thresholdMs < 60_000 ? `${Math.round(thresholdMs / 1000)} s` : `${minutes} min`}`;
}
