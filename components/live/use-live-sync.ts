"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { applyChange, beginSync, initialSync, receive, settle, type SyncState, type SyncView } from "@/lib/dashboard/live-sync";
import type { Entity, EntityJson } from "@/lib/dashboard/types";
import { REFRESH_EVENT } from "../ui/pull-to-refresh";
import { useLive } from "./live-context";

export type LiveSource<E extends Entity, Row> = SyncView<Row> & {
  entity: E;
  /** The row this view keeps for a changed entity row (most views keep it as it is). */
  select: (row: EntityJson[E]) => Row;
  initial: readonly Row[];
  /** The same view read again over REST (cookie session); rejects on failure so the view keeps its rows. */
  snapshot: () => Promise<readonly Row[]>;
};

/**
 * The React shell around lib/dashboard/live-sync: rows from the server render, kept current by live changes. On
 * mount and on every socket open it subscribes first, buffers, reads the view again, then applies the buffer on
 * top, so nothing that happened before the subscription or while disconnected is lost, and stale words never win.
 */
export function useLiveSync<E extends Entity, Row>(source: LiveSource<E, Row>) {
  const live = useLive();
  const [state, setState] = useState<SyncState<Row>>(() => initialSync(source.initial, source));
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const syncs = useRef(0);
  // Pull to refresh: read the view again as on a socket open.
  const [pulls, setPulls] = useState(0);
  useEffect(() => {
    const pulled = () => setPulls((n) => n + 1);
    window.addEventListener(REFRESH_EVENT, pulled);
    return () => window.removeEventListener(REFRESH_EVENT, pulled);
  }, []);

  useEffect(() => {
    const s = sourceRef.current;
    const token = live.epoch > 0 || pulls > 0 ? ++syncs.current : null;
    if (token !== null) setState((st) => beginSync(st, token));
    const unsubscribe = live.subscribe(s.entity, (change) =>
      setState((st) => receive(st, { op: change.op, row: sourceRef.current.select(change.row) }, sourceRef.current)),
    );
    if (token !== null) {
      s.snapshot().then(
        (rows) => setState((st) => settle(st, token, rows, sourceRef.current)),
        () => setState((st) => settle(st, token, null, sourceRef.current)),
      );
    }
    return unsubscribe;
  }, [live.epoch, live.subscribe, pulls]);

  /** Rows the server just returned (a REST answer to our own write): shown at once, under the same version guard. */
  const apply = useCallback((rows: readonly Row[]) => {
    setState((st) => rows.reduce((acc, row) => applyChange(acc, { op: "upsert", row }, sourceRef.current), st));
  }, []);

  return { rows: state.rows, apply, syncing: state.awaiting !== null };
}
