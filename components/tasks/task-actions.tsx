"use client";
import { useState } from "react";
import { useLive } from "../live/live-context";
import { useToast } from "../toasts";
import { ConfirmButton } from "../ui/confirm-button";
import { secondaryButton } from "../ui/styles";
import type { TaskJson } from "@/lib/dashboard/types";

const CANCELLABLE = new Set(["pending", "assigned", "running"]);
const RETRYABLE = new Set(["failed", "cancelled", "timed_out", "completed"]);

/** Cancel and retry for operators; the server decides, and its answer (the new row) is shown at once. */
export function TaskActions({ task, onChange }: { task: TaskJson; onChange: (task: TaskJson) => void }) {
  const { canWrite } = useLive();
  const toasts = useToast();
  const [busy, setBusy] = useState(false);
  if (!canWrite) return null;

  async function run(action: "cancel" | "retry") {
    setBusy(true);
    try {
      const res = await fetch(`/api/cockpit/tasks/${encodeURIComponent(task.id)}/${action}`, { method: "POST" });
      const body = (await res.json().catch(() => ({}))) as { task?: TaskJson; error?: { message?: string } };
      if (res.ok && body.task) onChange(body.task);
      else toasts.show({ tone: "error", title: `Could not ${action} the task`, body: body.error?.message ?? `HTTP ${res.status}` });
    } catch {
      toasts.show({ tone: "error", title: `Could not ${action} the task`, body: "could not reach the server" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex gap-2">
      {CANCELLABLE.has(task.status) && (
        <ConfirmButton
          disabled={busy}
          className={secondaryButton}
          testId="task-cancel"
          title="Cancel this task?"
          body={<p>“{task.title}” stops: an agent running it is told to stop. Cancelling cannot be undone; Run again queues it anew.</p>}
          confirmLabel="Cancel task"
          onConfirm={() => void run("cancel")}
        >
          Cancel task
        </ConfirmButton>
      )}
      {RETRYABLE.has(task.status) && (
        <button type="button" disabled={busy} onClick={() => void run("retry")} className={secondaryButton} data-testid="task-retry">
          Run again
        </button>
      )}
    </div>
  );
}
