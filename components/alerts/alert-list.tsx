"use client";
import { useMemo, useState } from "react";
import { useLive } from "../live/live-context";
import { fetchList, useLiveList } from "../live/use-live-list";
import { StatusBadge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { card, focusRing, primaryButton, secondaryButton } from "../ui/styles";
import { toQuery, type AlertFilters } from "@/lib/dashboard/filters";
import type { AlertJson } from "@/lib/dashboard/types";
import { useAcknowledge } from "./use-acknowledge";

const newestFirst = (a: AlertJson, b: AlertJson) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id.localeCompare(a.id);
const matches = (f: AlertFilters) => (a: AlertJson) =>
  (!f.severity || a.severity === f.severity) && (f.acknowledged === undefined || String(a.acknowledged) === f.acknowledged);

/** Alerts, live; operators acknowledge one or a selection. Viewers get the same list without any controls. */
export function AlertList({ initial, filters, pageSize }: { initial: AlertJson[]; filters: AlertFilters; pageSize: number }) {
  const { canWrite, userName } = useLive();
  const { rows, apply } = useLiveList({
    entity: "alert",
    initial,
    // Just-acked rows stay visible in an "unacknowledged" view until the next render, so the click has a visible result.
    matches: (a) => matches(filters)(a) || (filters.acknowledged === "false" && a.acknowledged),
    acceptNew: !filters.cursor,
    compare: newestFirst,
    snapshot: () => fetchList<AlertJson>(`/api/cockpit/alerts${toQuery({ ...filters, limit: pageSize })}`, "alerts"),
  });
  const { pending, acknowledge } = useAcknowledge(userName, apply);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const shown = useMemo(() => rows.map((a) => pending.get(a.id) ?? a), [rows, pending]);
  const selectable = shown.filter((a) => !a.acknowledged);
  const chosen = selectable.filter((a) => selected.has(a.id));

  const toggle = (id: string) => setSelected((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s).add(id)));
  const ackSelected = () => {
    void acknowledge(chosen);
    setSelected(new Set());
  };

  if (shown.length === 0) {
    return (
      <EmptyState title={filters.severity || filters.acknowledged ? "No alerts match these filters" : "No alerts"} testId="alerts-empty">
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
        {shown.map((a) => {
          const critical = a.severity === "critical" && !a.acknowledged;
          return (
            <li
              key={a.id}
              data-testid={`alert-row-${a.id}`}
              data-nav-row
              data-acknowledged={a.acknowledged}
              className={`${card} flex items-start gap-3 border-l-4 p-3 ${critical ? "border-l-red-600 bg-red-50/60 dark:border-l-red-500 dark:bg-red-950/40" : a.severity === "warning" ? "border-l-amber-500 dark:border-l-amber-500" : "border-l-sky-500 dark:border-l-sky-500"} ${a.acknowledged ? "opacity-75" : ""}`}
            >
              {canWrite && !a.acknowledged && (
                <input
                  type="checkbox"
                  aria-label={`Select ${a.title}`}
                  className="mt-1 size-5 shrink-0 accent-sky-700"
                  checked={selected.has(a.id)}
                  onChange={() => toggle(a.id)}
                  data-testid="alert-select"
                />
              )}
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={a.severity} />
                  <h3 className={`font-medium break-words ${critical ? "text-red-900 dark:text-red-200" : ""}`}>{a.title}</h3>
                </div>
                {a.message && <p className="mt-1 text-sm break-words text-slate-700 dark:text-slate-300">{a.message}</p>}
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  <RelativeTime iso={a.createdAt} />
                  {a.source && ` · ${a.source}`}
                  {a.agentId && ` · ${a.agentId}`}
                  {a.acknowledged && (
                    <span data-testid="acked-by">
                      {" "}
                      · acknowledged by {a.acknowledgedBy ?? "?"} <RelativeTime iso={a.acknowledgedAt} />
                      {pending.has(a.id) && " (saving…)"}
                    </span>
                  )}
                </p>
              </div>
              {canWrite && !a.acknowledged && (
                <button
                  type="button"
                  className={`${primaryButton} shrink-0`}
                  onClick={() => void acknowledge([a])}
                  data-testid="ack-button"
                  aria-label={`Acknowledge ${a.title}`}
                >
                  Acknowledge
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
