"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLive } from "../live/live-context";
import { useToast } from "../toasts";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { card, inputBase, labelBase, primaryButton, secondaryButton } from "../ui/styles";
import type { AlertDetailJson } from "@/lib/dashboard/types";
import { AlertLinks } from "./alert-row";
import { Until } from "./until";

const EVENT_LABEL: Record<string, string> = {
  triggered: "Raised",
  reopened: "Reopened",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  snoozed: "Snoozed",
  silenced: "Silenced",
  unsilenced: "Silence over",
  notified: "Notified",
  "notify-failed": "Notification failed",
};

/** State, actions (acknowledge with a comment, resolve, snooze), the timeline and every delivery attempt. */
export function AlertDetail({ initial }: { initial: AlertDetailJson }) {
  const { canWrite } = useLive();
  const router = useRouter();
  const toasts = useToast();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const a = initial.alert;

  const act = async (path: string, body: unknown) => {
    setBusy(true);
    try {
      const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) {
        const err = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        toasts.show({ tone: "error", title: "That did not work", body: err.error?.message ?? `HTTP ${res.status}` });
      }
      router.refresh();
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/cockpit/alerts`;
  const id = encodeURIComponent(a.id);

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section className={`${card} p-4 lg:col-span-1`} aria-label="State">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={a.severity} />
          <StatusBadge status={a.status} testId="alert-detail-state" />
          {a.count > 1 && <span className="text-sm">×{a.count}</span>}
        </div>
        {a.message && <p className="mt-2 text-sm break-words">{a.message}</p>}
        <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">
          since <RelativeTime iso={a.triggeredAt} />
          {a.source && ` · ${a.source}`}
          <AlertLinks a={a} />
        </p>
        {a.acknowledgedBy && (
          <p className="mt-2 text-sm" data-testid="alert-detail-acked">
            Acknowledged by {a.acknowledgedBy} <RelativeTime iso={a.acknowledgedAt} />
            {a.ackComment && `: “${a.ackComment}”`}
          </p>
        )}
        {a.silencedUntil && a.status !== "resolved" && (
          <p className="mt-2 text-sm" data-testid="alert-detail-silenced">
            Silenced (recorded, not notified) until <Until iso={a.silencedUntil} />
          </p>
        )}
        {a.status === "resolved" && (
          <p className="mt-2 text-sm">
            Resolved by {a.resolvedBy} <RelativeTime iso={a.resolvedAt} />
            {a.resolveReason && ` (${a.resolveReason})`}
          </p>
        )}
        {canWrite && a.status !== "resolved" && (
          <div className="mt-4 space-y-2">
            {a.status === "open" && (
              <>
                <label htmlFor="ack-comment" className={labelBase}>
                  Comment (optional)
                </label>
                <input id="ack-comment" className={inputBase} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
                <button
                  type="button"
                  className={primaryButton}
                  disabled={busy}
                  onClick={() => void act(`${base}/ack/${id}`, comment ? { comment } : {})}
                  data-testid="detail-ack"
                >
                  Acknowledge
                </button>
              </>
            )}
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={secondaryButton}
                disabled={busy}
                onClick={() => void act(`${base}/${id}/resolve`, {})}
                data-testid="detail-resolve"
              >
                Resolve
              </button>
              <button type="button" className={secondaryButton} disabled={busy} onClick={() => void act(`${base}/${id}/snooze`, { minutes: 60 })}>
                Snooze 1 h
              </button>
            </div>
          </div>
        )}
      </section>
      <section className={`${card} p-4 lg:col-span-1`} aria-label="Timeline">
        <h2 className="mb-2 font-medium">Timeline</h2>
        <ol className="space-y-2 text-sm" data-testid="alert-timeline">
          {initial.events.map((e) => (
            <li key={e.id}>
              <span className="font-medium">{EVENT_LABEL[e.type] ?? e.type}</span>
              {e.actor && ` · ${e.actor}`}
              {e.message && <span className="break-words text-slate-700 dark:text-slate-300"> — {e.message}</span>}{" "}
              <span className="text-xs text-slate-700 dark:text-slate-300">
                <RelativeTime iso={e.at} />
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section className={`${card} p-4 lg:col-span-1`} aria-label="Deliveries">
        <h2 className="mb-2 font-medium">Deliveries</h2>
        {initial.deliveries.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No notification sent for this alert (no rule matched, or none is due yet).</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="alert-deliveries">
            {initial.deliveries.map((d) => (
              <li key={d.id}>
                <StatusBadge status={d.result === "sent" ? "completed" : d.result === "failed" ? "failed" : "pending"} /> {d.channelName ?? d.channelId} (
                {d.channelType}) · {d.event} · {d.result}
                {d.httpStatus !== null && ` · HTTP ${d.httpStatus}`}
                {d.error && ` · ${d.error}`}{" "}
                <span className="text-xs text-slate-700 dark:text-slate-300">
                  <RelativeTime iso={d.at} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
