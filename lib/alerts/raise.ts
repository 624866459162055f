import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import type { AlertSeverity } from "../protocol/common";
import type { Db } from "../db/client";
import { alerts } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { recordAlertEvent } from "./events";
import { enqueueAlertNotifications } from "../notify/enqueue";
import { silenceOrNotify } from "./silences";

export type RaiseInput = {
  dedupKey?: string;
  id?: string;
  severity: AlertSeverity;
  title: string;
  message?: string | null;
  source?: string | null;
  kind?: string | null;
  agentId?: string | null;
  taskId?: string | null;
  repoId?: string | null;
  metadata?: unknown;
  actor?: string;
};

/** created: a new row; repeated: an open or acknowledged alert with this key counted one more; reopened: a resolved one is open again. */
export type RaiseOutcome = { row: AlertRow; outcome: "created" | "repeated" | "reopened" } | { row: null; outcome: "duplicate-id" };

/**
 * Triggers an alert (PagerDuty's model): a key that is already open or acknowledged folds into that alert (count,
 * last seen); a resolved one reopens with its history; otherwise a new alert. Notifications are queued in the same
 * transaction, for a new or reopened alert only, so a storm of identical triggers notifies once; none while a silence
 * matches (lib/alerts/silences.ts).
 */
export async function raiseAlert(tx: Db, input: RaiseInput, now = Date.now()): Promise<RaiseOutcome> {
  const latest = {
    severity: input.severity,
    title: input.title,
    message: input.message ?? null,
    source: input.source ?? null,
    kind: input.kind ?? null,
    agentId: input.agentId ?? null,
    taskId: input.taskId ?? null,
    repoId: input.repoId ?? null,
    metadata: input.metadata ?? null,
  };
  // A storm is mostly repeats: try that first (one statement), then a reopen, then a new row.
  if (input.dedupKey) {
    const [repeated] = await tx
      .update(alerts)
      .set({ severity: latest.severity, title: latest.title, message: latest.message, count: sql`${alerts.count} + 1`, lastSeenAt: now })
      .where(and(eq(alerts.dedupKey, input.dedupKey), ne(alerts.status, "resolved")))
      .returning();
    if (repeated) return { row: repeated, outcome: "repeated" };
  }
  const [created] = await tx
    .insert(alerts)
    .values({
      id: input.id ?? `alert_${randomUUID()}`,
      ...latest,
      dedupKey: input.dedupKey ?? null,
      createdAt: now,
      lastSeenAt: now,
      count: 1,
      triggeredAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await recordAlertEvent(tx, { alertId: created.id, type: "triggered", actor: input.actor, message: input.message, at: now });
    return { row: await silenceOrNotify(tx, created, now), outcome: "created" };
  }
  if (!input.dedupKey) return { row: null, outcome: "duplicate-id" };

  const [reopened] = await tx
    .update(alerts)
    .set({
      ...latest,
      status: "open",
      acknowledged: false,
      acknowledgedBy: null,
      acknowledgedAt: null,
      ackComment: null,
      resolvedAt: null,
      resolvedBy: null,
      resolveReason: null,
      snoozedUntil: null,
      silenceId: null,
      silencedUntil: null,
      count: 1,
      lastSeenAt: now,
      triggeredAt: now,
    })
    .where(and(eq(alerts.dedupKey, input.dedupKey), eq(alerts.status, "resolved")))
    .returning();
  if (reopened) {
    await recordAlertEvent(tx, { alertId: reopened.id, type: "reopened", actor: input.actor, message: input.message, at: now });
    return { row: await silenceOrNotify(tx, reopened, now), outcome: "reopened" };
  }
  // The key's row was open a statement ago and is gone now: only a concurrent delete does that.
  throw new Error(`alert ${input.dedupKey} changed while being triggered`);
}

/** Whether an alert with this key is open or acknowledged (not resolved): one indexed read. */
export async function isUnresolved(db: Db, dedupKey: string): Promise<boolean> {
  const open = await db.all(sql`SELECT 1 FROM cockpit_alerts WHERE dedup_key = ${dedupKey} AND status <> 'resolved' LIMIT 1`);
  return open.length > 0;
}

/** Resolves the alert with this key if it is open or acknowledged (the condition cleared); null when there is none. */
export async function resolveAlert(tx: Db, dedupKey: string, reason: string, by = "cockpit", now = Date.now()): Promise<AlertRow | null> {
  // Nearly always there is nothing to resolve (every completed task, every agent that registers asks): the read costs
  // ~20 µs, drizzle's UPDATE … RETURNING of every column ~220 µs even when it matches nothing (statements cached).
  if (!(await isUnresolved(tx, dedupKey))) return null;
  const [row] = await tx
    .update(alerts)
    .set({ status: "resolved", acknowledged: true, resolvedAt: now, resolvedBy: by, resolveReason: reason })
    .where(and(eq(alerts.dedupKey, dedupKey), ne(alerts.status, "resolved")))
    .returning();
  if (!row) return null;
  await recordAlertEvent(tx, { alertId: row.id, type: "resolved", actor: by, message: reason, at: now });
  await enqueueAlertNotifications(tx, row, "resolve", now);
  return row;
}
