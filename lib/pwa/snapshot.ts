/** Shared by public/sw.js (by value: keep them equal) and the page: how an offline copy of a page says when it was taken. */
export const SNAPSHOT_META_NAME = "cockpit-offline-snapshot";

/** "21:40" for today, "26 Nov 21:40" for an older snapshot: the reader must see how old it is. */
export function formatSnapshotTime(at: Date, now: Date = new Date()): string {
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString([], { day: "numeric", month: "short" })} ${time}`;
}
