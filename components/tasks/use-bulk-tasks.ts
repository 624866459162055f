"use client";
import { useCallback, useState } from "react";
import { useToast } from "../toasts";

export type BulkAction = "cancel" | "retry";
export type BulkOutcome = { action: BulkAction; matched: number; changed: string[]; skipped: { id: string; reason: string }[] };

/** A selection of task ids and the bulk commands on it; the server decides what changes and says what it skipped. */
export function useBulkTasks() {
  const toasts = useToast();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<BulkAction | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const toggle = useCallback((id: string) => {
    setSelected((cur) => {
      const next = new Set(cur);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const setMany = useCallback((ids: string[], on: boolean) => {
    setSelected((cur) => {
      const next = new Set(cur);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  }, []);

  async function run(action: BulkAction, ids: string[]) {
    if (ids.length === 0) return;
    setBusy(action);
    setOutcome(null);
    try {
      const res = await fetch(`/api/cockpit/tasks/bulk/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ids }),
      });
      const body = (await res.json().catch(() => ({}))) as Partial<BulkOutcome> & { error?: { message?: string } };
      if (!res.ok || !Array.isArray(body.changed)) {
        toasts.show({ tone: "error", title: `Could not ${action} the selection`, body: body.error?.message ?? `HTTP ${res.status}` });
        return;
      }
      const result: BulkOutcome = { action, matched: body.matched ?? ids.length, changed: body.changed, skipped: body.skipped ?? [] };
      setOutcome(result);
      // Changed rows arrive live; what was skipped stays selected so the operator can see which.
      setMany(result.changed, false);
    } catch {
      toasts.show({ tone: "error", title: `Could not ${action} the selection`, body: "could not reach the server" });
    } finally {
      setBusy(null);
    }
  }

  return { selected, toggle, setMany, run, busy, outcome, dismiss: () => setOutcome(null) };
}

export type BulkTasks = ReturnType<typeof useBulkTasks>;
