"use client";
import { useSyncExternalStore } from "react";

/** One shared clock for every "2 min ago" on the page, ticking every 10 s. */
let now = Date.now();
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(onChange: () => void) {
  subscribers.add(onChange);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const s of subscribers) s();
  }, 10_000);
  return () => {
    subscribers.delete(onChange);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function formatAgo(iso: string, at: number): string {
  const seconds = Math.round((at - Date.parse(iso)) / 1000);
  if (seconds < 10) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function RelativeTime({ iso, fallback = "never" }: { iso: string | null | undefined; fallback?: string }) {
  // The server renders with its clock; the first client render uses the same value, then the shared tick.
  const at = useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">{fallback}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} suppressHydrationWarning>
      {formatAgo(iso, at)}
    </time>
  );
}
