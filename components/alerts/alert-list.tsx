"use client";
import { useMemo, useState } from "react";
import { useLive } from "../live/live-context";
import { fetchList, useLiveList } from "../live/use-live-list";
import { EmptyState } from "../ui/empty-state";
import { focusRing, secondaryButton } from "../ui/styles";
import { AlertRow } from "./alert-row";
import { toQuery, type AlertFilters } from "@/lib/dashboard/filters";
import type { AlertJson } from "@/lib/dashboard/types";
import { useAcknowledge } from "./use-acknowledge";
import { useUndoableAlertActions } from "./use-undoable-alert-actions";

const newestFirst = (a: AlertJson, b: AlertJson) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id.localeCompare(a.id);
const matches = (f: AlertFilters) => (a: AlertJson) =>
  (!f.severity || a.severity === f.severity) &&
  (f.acknowledged === undefined || String(a.acknowledged) === f.acknowledged) &&
  (!f.status || a.status === f.status);

/** Alerts, live; operators acknowledge one or a selection. Viewers get the same list without any controls. */
export function AlertList({ initial, filters, pageSize }: { initial: AlertJson[]; filters: AlertFilters; pageSize: number }) {
  const { canWrite, userName } = useLive();
  const { rows, apply } = useLiveList({
    entity: "alert",
    initial,
    // Just-acked rows stay visible in an "unacknowledged" view until the next render, so the click has a visible result.
    matches: (a) => matches(filters)(a) || ((filters.acknowledged === "false" || filters.status === "open") && a.acknowledged),
    acceptNew: !filters.cursor,
    compare: newestFirst,
    snapshot: () => fetchList<AlertJson>(`/api/cockpit/alerts${toQuery({ ...filters, limit: pageSize })}`, "alerts"),
  });
  const { pending, acknowledge } = useAcknowledge(userName, apply);
  const { acknowledgeWithUndo, snoozeWithUndo } = useUndoableAlertActions(acknowledge, apply);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const shown = useMemo(() => rows.map((a) => pending.get(a.id) ?? a), [rows, pending]);
  const selectable = shown.filter((a) => a.status === "open" && !a.acknowledged);
  const chosen = selectable.filter((a) => selected.has(a.id));

  const toggle = (id: string) => setSelected((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s).add(id)));
  const ackSelected = () => {
    void acknowledge(chosen);
    setSelected(new Set());
  };

  if (shown.length === 0) {
    return (
      <EmptyState title={filters.severity || filters.acknowledged || filters.status ? "No alerts match these filters" : "No alerts"} testId="alerts-empty">
        All quiet. Monitors and scripts raise alerts with POST /api/cockpit/alerts; critical ones also pop up here as they arrive.
      </EmptyState>
    );
  }
  return (
    <>
      {canWrite && selectable.length > 0 && (
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <label className={`inline-flex min-h-11 items-center gap-2 rounded-md px-2 text-sm sm:min-h-9 ${focusRing}`}>
            <input
              type="checkbox"
              className="size-5 accent-sky-700"
              checked={chosen.length === selectable.length}
              onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((a) => a.id)) : new Set())}
              data-testid="select-all"
            />
            Select all open
          </label>
          <button type="button" className={secondaryButton} disabled={chosen.length === 0} onClick={ackSelected} data-testid="ack-selected">
            Acknowledge selected{chosen.length > 0 ? ` (${chosen.length})` : ""}
          </button>
        </div>
      )}
      <ul className="space-y-2" data-testid="alert-list">
        {shown.map((a) => (
          <AlertRow
            key={a.id}
            a={a}
            canWrite={canWrite}
            selected={selected.has(a.id)}
            saving={pending.has(a.id)}
            onToggle={() => toggle(a.id)}
            onAcknowledge={() => void acknowledgeWithUndo(a)}
            onSnooze={() => void snoozeWithUndo(a)}
          />
        ))}
      </ul>
    </>
  );
}
