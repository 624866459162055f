"use client";
import { formatSnapshotTime } from "@/lib/pwa/snapshot";
import { secondaryButton } from "@/components/ui/styles";
import { useOfflineSnapshot } from "./use-offline-snapshot";

/** On a page the service worker served from its cache: says plainly that it is old, and since when. */
export function OfflineSnapshotBanner() {
  const snapshot = useOfflineSnapshot();
  if (!snapshot) return null;
  const at = new Date(snapshot);
  return (
    <div
      role="alert"
      data-testid="offline-snapshot"
      data-snapshot-at={snapshot}
      className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="font-semibold">
        Offline — as of <time dateTime={snapshot}>{formatSnapshotTime(at)}</time>
      </span>
      <span>This is the last copy this device saw; nothing on it is live.</span>
      <button type="button" className={`${secondaryButton} ml-auto`} onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
