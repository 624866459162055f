"use client";
import type { Entity, EntityJson } from "@/lib/dashboard/types";
import { keyOf, versionOf } from "@/lib/dashboard/versions";
import { useLiveSync } from "./use-live-sync";

export type LiveView<E extends Entity> = {
  entity: E;
  initial: readonly EntityJson[E][];
  /** Does a row belong in this view (the page's filters)? */
  matches: (row: EntityJson[E]) => boolean;
  /** Rows not on the page yet are added only on a first page; later pages keep their boundaries. */
  acceptNew: boolean;
  compare: (a: EntityJson[E], b: EntityJson[E]) => number;
  /** The same view fetched again over REST (cookie session). */
  snapshot: () => Promise<readonly EntityJson[E][]>;
};

const same = <T>(row: T) => row;

/** The list face of the live-sync primitive: one page of entity rows, live (see useLiveSync). */
export function useLiveList<E extends Entity>(view: LiveView<E>) {
  return useLiveSync<E, EntityJson[E]>({ ...view, key: keyOf[view.entity], version: versionOf[view.entity], select: same });
}

/** GET a cockpit REST list with the session cookie; throws on any non-200 so callers keep their rows. */
export async function fetchList<T>(path: string, field: string): Promise<T[]> {
  const res = await fetch(path, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  return (body[field] as T[]) ?? [];
}
