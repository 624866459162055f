"use client";
import { useMemo } from "react";
import { rowView } from "@/lib/dashboard/live-sync";
import type { Entity, EntityJson } from "@/lib/dashboard/types";
import { keyOf, versionOf } from "@/lib/dashboard/versions";
import { useLiveSync } from "./use-live-sync";

export type LiveRowSource<E extends Entity> = {
  entity: E;
  initial: EntityJson[E];
  /** The row read again over REST: null when it no longer exists; rejects on failure (the row we have stays). */
  snapshot: () => Promise<EntityJson[E] | null>;
};

const same = <T>(row: T) => row;

/**
 * The single-row face of the live-sync primitive (one entity row, e.g. a task's own page): the same buffer, snapshot
 * and version guard as the lists, over a view that holds just this key. `row` is null once a delete was heard.
 */
export function useLiveRow<E extends Entity>({ entity, initial, snapshot }: LiveRowSource<E>) {
  const id = keyOf[entity](initial);
  const view = useMemo(() => rowView<EntityJson[E]>(keyOf[entity], versionOf[entity], id), [entity, id]);
  const { rows, apply, syncing } = useLiveSync<E, EntityJson[E]>({
    ...view,
    entity,
    select: same,
    initial: [initial],
    snapshot: () => snapshot().then((row) => (row ? [row] : [])),
  });
  return { row: rows[0] ?? null, apply, syncing };
}
