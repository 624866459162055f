"use client";
import Link from "next/link";
import { Badge, StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { card, link, secondaryButton } from "../ui/styles";
import { useSwipe } from "../ui/use-swipe";
import type { AlertJson } from "@/lib/dashboard/types";
import { Until } from "./until";

/** The severity colour stays on the left edge in every state; nothing is faded, so text keeps AA contrast. */
const EDGE: Record<string, string> = {
  critical: "border-l-red-600 dark:border-l-red-500",
  warning: "border-l-amber-500 dark:border-l-amber-500",
  info: "border-l-sky-500 dark:border-l-sky-500",
};

/** What the alert is about, as links: agent, task, repo. */
export function AlertLinks({ a }: { a: AlertJson }) {
  // Underlined, not only coloured: they sit inside a line of text (axe link-in-text-block).
  const inText = `${link} underline`;
  return (
    <>
      {a.agentId && (
        <>
          {" · agent "}
          <Link className={inText} href={`/agents?agentId=${encodeURIComponent(a.agentId)}`} data-testid="alert-agent-link">
            {a.agentId}
          </Link>
        </>
      )}
      {a.taskId && (
        <>
          {" · task "}
          <Link className={inText} href={`/tasks/${encodeURIComponent(a.taskId)}`} data-testid="alert-task-link">
            {a.taskId}
          </Link>
        </>
      )}
      {a.repoId && (
        <>
          {" · repo "}
          <Link className={inText} href={`/repos${a.agentId ? `?agentId=${encodeURIComponent(a.agentId)}` : ""}`}>
            {a.repoId}
          </Link>
        </>
      )}
    </>
  );
}

type Props = {
  a: AlertJson;
  canWrite: boolean;
  selected: boolean;
  saving: boolean;
  onToggle: () => void;
  onAcknowledge: () => void;
  /** Snooze for an hour (swipe left, S, or its button); absent where the list offers no snooze. */
  onSnooze?: () => void;
};

/** One alert: content first; on phones the action sits under it at its natural width instead of beside it. */
export function AlertRow({ a, canWrite, selected, saving, onToggle, onAcknowledge, onSnooze }: Props) {
  const open = a.status === "open" && !a.acknowledged;
  const critical = a.severity === "critical" && open;
  const canSnooze = canWrite && Boolean(onSnooze) && a.status !== "resolved";
  // Swipe right acknowledges, left snoozes; each has its button below.
  const swipe = useSwipe({ right: canWrite && open, left: canSnooze }, (direction) => (direction === "right" ? onAcknowledge() : onSnooze?.()));
  return (
    <li
      data-testid={`alert-row-${a.id}`}
      data-nav-row
      data-acknowledged={a.acknowledged}
      data-status={a.status}
      {...swipe.handlers}
      style={swipe.style}
      data-swiping={swipe.dragging || undefined}
      className={`${card} flex flex-col gap-2 border-l-4 p-3 sm:flex-row sm:items-start sm:gap-3 ${EDGE[a.severity] ?? EDGE.info} ${critical ? "bg-red-50/60 dark:bg-red-950/40" : ""}`}
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
        {canWrite && open && (
          <input
            type="checkbox"
            aria-label={`Select ${a.title}`}
            className="mt-1 size-5 shrink-0 accent-sky-700"
            checked={selected}
            onChange={onToggle}
            data-testid="alert-select"
          />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={a.severity} />
            <StatusBadge status={a.status} testId="alert-state" />
            {a.count > 1 && (
              <Badge tone="slate" testId="alert-count">
                ×{a.count}
              </Badge>
            )}
            <h2 className={`font-medium break-words ${critical ? "text-red-900 dark:text-red-200" : ""}`}>
              <Link href={`/alerts/${encodeURIComponent(a.id)}`} className="rounded-sm hover:underline" data-testid="alert-open">
                {a.title}
              </Link>
            </h2>
          </div>
          {a.message && <p className="mt-1 text-sm break-words text-slate-700 dark:text-slate-300">{a.message}</p>}
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            <RelativeTime iso={a.triggeredAt ?? a.createdAt} />
            {a.count > 1 && (
              <>
                {" · last "}
                <RelativeTime iso={a.lastSeenAt} />
              </>
            )}
            {a.source && ` · ${a.source}`}
            <AlertLinks a={a} />
            {a.acknowledged && a.status !== "resolved" && (
              <span data-testid="acked-by">
                {" "}
                · acknowledged by {a.acknowledgedBy ?? "?"} <RelativeTime iso={a.acknowledgedAt} />
                {a.ackComment && `: “${a.ackComment}”`}
                {saving && " (saving…)"}
              </span>
            )}
            {a.status === "resolved" && (
              <span data-testid="resolved-by">
                {" "}
                · resolved by {a.resolvedBy ?? "?"} <RelativeTime iso={a.resolvedAt} />
              </span>
            )}
            {a.silencedUntil && a.status !== "resolved" && (
              <span data-testid="silenced-until">
                {" "}
                · silenced, not notified, until <Until iso={a.silencedUntil} />
              </span>
            )}
            {a.snoozedUntil && Date.parse(a.snoozedUntil) > Date.now() && (
              <span>
                {" "}
                · snoozed until <RelativeTime iso={a.snoozedUntil} />
              </span>
            )}
          </p>
        </div>
      </div>
      {(canSnooze || (canWrite && open)) && (
        <div className="flex gap-2 self-end sm:self-start">
          {canSnooze && (
            <button type="button" className={secondaryButton} onClick={onSnooze} data-testid="snooze-button" data-row-action="snooze" aria-label={`Snooze 1 h: ${a.title}`}>
              Snooze 1 h
            </button>
          )}
          {canWrite && open && (
            <button
              type="button"
              className={secondaryButton}
              onClick={onAcknowledge}
              data-testid="ack-button"
              data-row-action="acknowledge"
              aria-label={`Acknowledge ${a.title}`}
            >
              Acknowledge
            </button>
          )}
        </div>
      )}
    </li>
  );
}
