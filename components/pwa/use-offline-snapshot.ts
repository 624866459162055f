"use client";
import { useSyncExternalStore } from "react";
import { SNAPSHOT_META_NAME } from "@/lib/pwa/snapshot";

const noSubscription = () => () => {};
const readMeta = () => document.querySelector(`meta[name="${SNAPSHOT_META_NAME}"]`)?.getAttribute("content") ?? null;

/** The ISO time of the offline snapshot this document is, or null when the server rendered it just now. */
export function useOfflineSnapshot(): string | null {
  // The meta never changes after load; the server never renders one, so hydration starts from null.
  return useSyncExternalStore(noSubscription, readMeta, () => null);
}
