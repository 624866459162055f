"use client";
import { useCallback } from "react";
import { useToast } from "../toasts";
import type { AlertJson } from "@/lib/dashboard/types";

type AlertAnswer = { alert?: AlertJson; error?: { message?: string } };

async function post(path: string, body?: unknown): Promise<AlertJson> {
  const res = await fetch(path, body === undefined ? { method: "POST" } : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await res.json().catch(() => ({}))) as AlertAnswer;
  if (!res.ok || !answer.alert) throw new Error(answer.error?.message ?? `HTTP ${res.status}`);
  return answer.alert;
}

/**
 * Acknowledge and snooze with an Undo toast (swipes, A / S, and the row's buttons): undoing an acknowledgement
 * opens the alert again (POST /alerts/{id}/unacknowledge); undoing a snooze puts back the snooze it had before.
 */
export function useUndoableAlertActions(acknowledge: (alerts: AlertJson[]) => Promise<AlertJson[]>, apply: (rows: AlertJson[]) => void) {
  const toasts = useToast();

  const run = useCallback(
    async (what: string, title: string, action: () => Promise<AlertJson>) => {
      try {
        apply([await action()]);
      } catch (error) {
        toasts.show({ tone: "error", title: `Could not ${what} “${title}”`, body: `The server said: ${error instanceof Error ? error.message : "no answer"}` });
      }
    },
    [apply, toasts],
  );

  const acknowledgeWithUndo = useCallback(
    async (a: AlertJson) => {
      const [acked] = await acknowledge([a]);
      if (!acked) return;
      toasts.show({
        tone: "success",
        title: `Acknowledged “${a.title}”`,
        action: { label: "Undo", run: () => void run("undo the acknowledgement of", a.title, () => post(`/api/cockpit/alerts/${encodeURIComponent(a.id)}/unacknowledge`)) },
      });
    },
    [acknowledge, run, toasts],
  );

  const snoozeWithUndo = useCallback(
    async (a: AlertJson) => {
      const id = encodeURIComponent(a.id);
      const before = a.snoozedUntil && Date.parse(a.snoozedUntil) > Date.now() ? a.snoozedUntil : null;
      let ok = false;
      await run("snooze", a.title, async () => {
        const row = await post(`/api/cockpit/alerts/${id}/snooze`, { minutes: 60 });
        ok = true;
        return row;
      });
      if (!ok) return;
      toasts.show({
        tone: "success",
        title: `Snoozed “${a.title}” for an hour`,
        action: { label: "Undo", run: () => void run("undo the snooze of", a.title, () => post(`/api/cockpit/alerts/${id}/snooze`, { until: before })) },
      });
    },
    [run, toasts],
  );

  return { acknowledgeWithUndo, snoozeWithUndo };
}
