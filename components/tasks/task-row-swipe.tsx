"use client";
import { useState, type ReactNode } from "react";
import { useLive } from "../live/live-context";
import { useToast } from "../toasts";
import { useSwipe } from "../ui/use-swipe";
import type { TaskJson } from "@/lib/dashboard/types";

const CANCELLABLE = new Set(["pending", "assigned", "running"]);

async function cancelTask(task: TaskJson): Promise<string | null> {
  try {
    const res = await fetch(`/api/cockpit/tasks/${encodeURIComponent(task.id)}/cancel`, { method: "POST" });
    if (res.ok) return null;
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return "could not reach the server";
  }
}

/** Cancel from the list, after a confirmation: a cancelled task cannot be taken back (Run again starts a new attempt). */
function useCancel(task: TaskJson) {
  const { canWrite } = useLive();
  const toasts = useToast();
  const [busy, setBusy] = useState(false);
  const can = canWrite && CANCELLABLE.has(task.status) && !busy;
  const cancel = async () => {
    if (!window.confirm(`Cancel “${task.title}”?`)) return;
    setBusy(true);
    const problem = await cancelTask(task);
    setBusy(false);
    // The row updates from the live change; only a refusal needs saying.
    if (problem) toasts.show({ tone: "error", title: `Could not cancel “${task.title}”`, body: problem });
  };
  return { can, cancel };
}

/** A task table row that a swipe left cancels (after confirming); the row's Cancel button does the same. */
export function SwipeableTaskRow({ task, children, ...rest }: { task: TaskJson; children: ReactNode } & Record<`data-${string}`, string | boolean | undefined> & { className?: string }) {
  const { can, cancel } = useCancel(task);
  const swipe = useSwipe({ left: can, right: false }, () => void cancel());
  return (
    <tr {...rest} {...swipe.handlers} style={swipe.style}>
      {children}
    </tr>
  );
}

/** The visible twin of the swipe (and of the x key): a small Cancel under the status of a task that has not ended. */
export function RowCancelButton({ task }: { task: TaskJson }) {
  const { can, cancel } = useCancel(task);
  if (!can) return null;
  return (
    <button
      type="button"
      onClick={() => void cancel()}
      className="mt-1 block min-h-11 text-xs font-medium text-slate-700 underline-offset-2 hover:underline sm:min-h-0 dark:text-slate-300"
      data-testid="row-cancel-task"
      data-row-action="dismiss"
      aria-label={`Cancel ${task.title}`}
    >
      Cancel
    </button>
  );
}
