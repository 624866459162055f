"use client";
import { useSyncExternalStore } from "react";
import { formatAgoPrecise } from "@/lib/dashboard/duration";

/** Shared clocks for every "2 min ago" on the page: one ticking every 10 s, one every second for precise times. */
function sharedClock(periodMs: number) {
  let now = Date.now();
  const subscribers = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    now: () => now,
    subscribe(onChange: () => void) {
      subscribers.add(onChange);
      timer ??= setInterval(() => {
        now = Date.now();
        for (const s of subscribers) s();
      }, periodMs);
      return () => {
        subscribers.delete(onChange);
        if (subscribers.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}
const coarse = sharedClock(10_000);
const fine = sharedClock(1_000);

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

/** "2 min ago", with the absolute time on hover; `precise` gives two units and ticks every second. */
export function RelativeTime({ iso, fallback = "never", precise = false }: { iso: string | null | undefined; fallback?: string; precise?: boolean }) {
  const clock = precise ? fine : coarse;
  // The server renders with its clock; the first client render uses the same value, then the shared tick.
  const at = useSyncExternalStore(clock.subscribe, clock.now, clock.now);
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">{fallback}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} suppressHydrationWarning>
      {precise ? formatAgoPrecise(iso, at) : formatAgo(iso, at)}
    </time>
  );
}
