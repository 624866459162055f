"use client";
import { useCallback, useState } from "react";
import { useToast } from "../toasts";
import type { AlertJson } from "@/lib/dashboard/types";

type AckResponse = { alert?: AlertJson; error?: { message?: string } };

/**
 * Optimistic acknowledgement: the row shows acked at once (an override layered on the live rows), the server is
 * asked, and on refusal the override is dropped and the reason shown. On success the server's row is applied.
 */
export function useAcknowledge(userName: string, apply: (rows: AlertJson[]) => void) {
  const toasts = useToast();
  const [pending, setPending] = useState<Map<string, AlertJson>>(new Map());

  const acknowledge = useCallback(
    async (targets: AlertJson[]): Promise<AlertJson[]> => {
      const now = new Date().toISOString();
      const open = targets.filter((a) => !a.acknowledged);
      setPending((m) => {
        const next = new Map(m);
        for (const a of open) next.set(a.id, { ...a, status: "acknowledged", acknowledged: true, acknowledgedBy: userName, acknowledgedAt: now });
        return next;
      });
      const outcomes = await Promise.all(
        open.map(async (a) => {
          try {
            const res = await fetch(`/api/cockpit/alerts/ack/${encodeURIComponent(a.id)}`, { method: "POST" });
            const body = (await res.json().catch(() => ({}))) as AckResponse;
            return res.ok && body.alert
              ? { ok: true as const, alert: body.alert }
              : { ok: false as const, a, why: body.error?.message ?? `HTTP ${res.status}` };
          } catch {
            return { ok: false as const, a, why: "could not reach the server" };
          }
        }),
      );
      const acknowledged = outcomes.flatMap((o) => (o.ok ? [o.alert] : []));
      apply(acknowledged);
      setPending((m) => {
        const next = new Map(m);
        for (const a of open) next.delete(a.id);
        return next;
      });
      const failed = outcomes.filter((o) => !o.ok);
      if (failed.length > 0) {
        const first = failed[0]!;
        toasts.show({
          tone: "error",
          title: failed.length === 1 ? `Could not acknowledge “${first.a.title}”` : `Could not acknowledge ${failed.length} alerts`,
          body: `The server said: ${first.why}`,
        });
      }
      return acknowledged;
    },
    [apply, toasts, userName],
  );

  return { pending, acknowledge };
}
