import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { alerts } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { recordAlertEvent } from "./events";
import { enqueueAlertNotifications } from "../notify/enqueue";

export type Changed = { changed: AlertRow[]; unchanged: AlertRow[]; missing: string[] };

async function split(tx: Db, ids: readonly string[], changed: AlertRow[]): Promise<Changed> {
  const done = new Set(changed.map((r) => r.id));
  const rest = ids.filter((id) => !done.has(id));
  const unchanged = rest.length ? await tx.select().from(alerts).where(inArray(alerts.id, rest)) : [];
  const found = new Set(unchanged.map((r) => r.id));
  return { changed, unchanged, missing: rest.filter((id) => !found.has(id)) };
}

/** Open → acknowledged, with who, when and an optional comment. Already acknowledged or resolved alerts keep their first acknowledgement. */
export async function acknowledgeAlerts(tx: Db, ids: readonly string[], by: string, comment?: string | null, now = Date.now()): Promise<Changed> {
  if (ids.length === 0) return { changed: [], unchanged: [], missing: [] };
  const changed = await tx
    .update(alerts)
    .set({ status: "acknowledged", acknowledged: true, acknowledgedBy: by, acknowledgedAt: now, ackComment: comment ?? null })
    .where(and(inArray(alerts.id, [...ids]), eq(alerts.status, "open")))
    .returning();
  for (const row of changed) await recordAlertEvent(tx, { alertId: row.id, type: "acknowledged", actor: by, message: comment, at: now });
  return split(tx, ids, changed);
}

/** Open or acknowledged → resolved by hand; the resolve is announced where the alert was notified. */
export async function resolveAlerts(tx: Db, ids: readonly string[], by: string, reason?: string | null, now = Date.now()): Promise<Changed> {
  if (ids.length === 0) return { changed: [], unchanged: [], missing: [] };
  const changed = await tx
    .update(alerts)
    .set({ status: "resolved", acknowledged: true, resolvedAt: now, resolvedBy: by, resolveReason: reason ?? "resolved by hand" })
    .where(and(inArray(alerts.id, [...ids]), ne(alerts.status, "resolved")))
    .returning();
  for (const row of changed) {
    await recordAlertEvent(tx, { alertId: row.id, type: "resolved", actor: by, message: reason, at: now });
    await enqueueAlertNotifications(tx, row, "resolve", now);
  }
  return split(tx, ids, changed);
}

/** No repeats or escalations until `until` (null lifts the snooze); the alert stays in its state. */
export async function snoozeAlert(tx: Db, id: string, until: number | null, by: string, now = Date.now()): Promise<AlertRow | null> {
  const [row] = await tx.update(alerts).set({ snoozedUntil: until }).where(eq(alerts.id, id)).returning();
  if (!row) return null;
  await recordAlertEvent(tx, { alertId: id, type: "snoozed", actor: by, message: until ? `until ${new Date(until).toISOString()}` : "snooze lifted", at: now });
  return row;
}

export async function findAlertByKey(tx: Db, dedupKey: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.dedupKey, dedupKey)).limit(1);
  return row;
}

export async function findAlert(tx: Db, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return row;
}
