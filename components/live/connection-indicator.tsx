"use client";
import { useOfflineSnapshot } from "@/components/pwa/use-offline-snapshot";
import { useLive } from "./live-context";

const LOOK = {
  live: { label: "Live", dot: "bg-emerald-500", text: "text-emerald-800 dark:text-emerald-300" },
  connecting: { label: "Connecting…", dot: "bg-slate-400", text: "text-slate-700 dark:text-slate-300" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 motion-safe:animate-pulse", text: "text-amber-800 dark:text-amber-300" },
  offline: { label: "Offline", dot: "bg-red-600", text: "text-red-800 dark:text-red-300" },
} as const;

/** Says "Live" only while the socket is open; anything else is shown as it is, with a readable label. */
export function ConnectionIndicator() {
  const live = useLive();
  // A page served from the offline cache is never live, even once the socket is back: its data is old.
  const status = useOfflineSnapshot() ? "offline" : live.status;
  const look = LOOK[status];
  return (
    <span role="status" data-testid="connection-status" data-status={status} className={`inline-flex items-center gap-2 text-sm font-medium ${look.text}`}>
      <span aria-hidden="true" className={`size-2.5 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
