"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Entity, EntityJson } from "@/lib/dashboard/types";
import { keyOf, mergeRow, versionOf } from "@/lib/dashboard/versions";
import { useLive } from "./live-context";

export type LiveView<E extends Entity> = {
  entity: E;
  initial: EntityJson[E][];
  /** Does a row belong in this view (the page's filters)? */
  matches: (row: EntityJson[E]) => boolean;
  /** Rows not on the page yet are added only on a first page; later pages keep their boundaries. */
  acceptNew: boolean;
  compare: (a: EntityJson[E], b: EntityJson[E]) => number;
  /** The same view fetched again over REST (cookie session). */
  snapshot: () => Promise<EntityJson[E][]>;
};

/**
 * Rows from the server render, kept current by live changes. On every socket open (first or after a drop) and on
 * mount it subscribes first, buffers, fetches the view again, then applies the buffer on top: nothing that
 * happened between render and subscription, or while disconnected, is lost; stale changes never win (versions).
 */
export function useLiveList<E extends Entity>(view: LiveView<E>) {
  const live = useLive();
  const [rows, setRows] = useState(view.initial);
  const [syncing, setSyncing] = useState(false);
  const viewRef = useRef(view);
  viewRef.current = view;

  // Newest version seen per row, kept even after a row leaves this view: a late, older change (or a snapshot read
  // just before a newer change was stored) must not bring back a row that already moved on.
  const seen = useRef(new Map<string, number>());
  const notStale = useCallback((row: EntityJson[E]) => {
    const entity = viewRef.current.entity;
    const key = keyOf[entity](row);
    const version = versionOf[entity](row);
    const newest = seen.current.get(key);
    if (newest !== undefined && version < newest) return false;
    seen.current.set(key, version);
    return true;
  }, []);

  const apply = useCallback(
    (incoming: EntityJson[E][]) => {
      const v = viewRef.current;
      const fresh = incoming.filter(notStale);
      setRows((current) => fresh.reduce((acc, row) => mergeRow(v.entity, acc, row, v), current));
    },
    [notStale],
  );

  useEffect(() => {
    const v = viewRef.current;
    let buffer: EntityJson[E][] | null = live.epoch > 0 ? [] : null;
    let cancelled = false;
    const unsubscribe = live.subscribe(v.entity, (row) => {
      if (buffer) buffer.push(row);
      else apply([row]);
    });
    if (buffer) {
      setSyncing(true);
      v.snapshot()
        .then((fresh) => {
          if (cancelled) return;
          const pending = buffer ?? [];
          buffer = null;
          const base = fresh.filter(notStale).sort(v.compare);
          const newer = pending.filter(notStale);
          setRows(newer.reduce((acc, row) => mergeRow(v.entity, acc, row, v), base));
        })
        .catch(() => {
          // Keep what we have and the changes we heard; the next reconnect tries again.
          const pending = buffer ?? [];
          buffer = null;
          if (!cancelled) apply(pending);
        })
        .finally(() => !cancelled && setSyncing(false));
    }
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [live.epoch, live.subscribe, apply, notStale]);

  return { rows, apply, syncing };
}

/** GET a cockpit REST list with the session cookie; throws on any non-200 so callers keep their rows. */
export async function fetchList<T>(path: string, field: string): Promise<T[]> {
  const res = await fetch(path, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  return (body[field] as T[]) ?? [];
}
