import "server-only";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { alerts, notifyDeliveries, notifyOutbox } from "../db/schema";
import { recordAlertEvent } from "../alerts/events";
import { watchChannelResult } from "../alerts/cockpit-trouble";
import { env } from "../env";
import { deliver } from "./deliver";
import type { NotifyEvent } from "./message";
import { noticeFor } from "./notice";
import { MAX_ATTEMPTS, backoffMs, bypassesQuietHours, quietUntil } from "./rules";
import { findChannel, openChannel } from "./store";

type OutboxRow = typeof notifyOutbox.$inferSelect;
export type SenderOptions = { leaseMs: number; retryBaseMs: number; batch?: number; now?: () => number };

/**
 * Claims due rows (pending and due, or sending with an expired lease: a web that died mid-send) with a lease, in one
 * statement, so two passes or two webs never send the same row at once.
 */
async function claimDue(db: Db, now: number, leaseMs: number, batch: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: notifyOutbox.id })
    .from(notifyOutbox)
    .where(
      or(
        and(eq(notifyOutbox.status, "pending"), lte(notifyOutbox.nextAttemptAt, now)),
        and(eq(notifyOutbox.status, "sending"), lt(notifyOutbox.leaseUntil, now)),
      ),
    )
    .orderBy(asc(notifyOutbox.id))
    .limit(batch);
  const rows = await db
    .update(notifyOutbox)
    .set({ status: "sending", leaseUntil: now + leaseMs, attempts: sql`${notifyOutbox.attempts} + 1` })
    .where(inArray(notifyOutbox.id, due))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** Ends our claim, only if it is still ours (same attempt): a lease that ran out belongs to whoever took it over. */
async function settle(db: Db, row: OutboxRow, set: Partial<OutboxRow>): Promise<boolean> {
  const done = await db
    .update(notifyOutbox)
    .set({ leaseUntil: null, ...set })
    .where(and(eq(notifyOutbox.id, row.id), eq(notifyOutbox.status, "sending"), eq(notifyOutbox.attempts, row.attempts)))
    .returning({ id: notifyOutbox.id });
  return done.length > 0;
}

async function log(db: Db, row: OutboxRow, result: string, httpStatus: number | null, error: string | null, now: number): Promise<void> {
  await db
    .insert(notifyDeliveries)
    .values({ outboxId: row.id, alertId: row.alertId, channelId: row.channelId, event: row.event, result, httpStatus, error, createdAt: now });
  await watchChannelResult(db, row.channelId, result, env().NOTIFY_CHANNEL_FAILURE_ALERT_AFTER, now);
}

/** Sends one claimed row: skipped when it no longer applies, deferred by quiet hours, else sent and classified. */
async function sendOne(db: Db, row: OutboxRow, o: Required<SenderOptions>): Promise<void> {
  const now = o.now();
  const channelRow = await findChannel(row.channelId, db);
  const [alert] = row.alertId ? await db.select().from(alerts).where(eq(alerts.id, row.alertId)).limit(1) : [];
  if (!channelRow || !channelRow.enabled || !alert) {
    if (await settle(db, row, { status: "skipped", lastError: !alert ? "alert deleted" : "channel removed or disabled" }))
      await log(db, row, "skipped", null, null, now);
    return;
  }
  // Queued before a silence began: a silenced source stays quiet, resolves included (lib/alerts/silences.ts).
  if ((alert.silencedUntil ?? 0) > now) {
    if (await settle(db, row, { status: "skipped", lastError: "alert silenced" }))
      await log(db, row, "skipped", null, `silenced until ${new Date(alert.silencedUntil!).toISOString()}`, now);
    return;
  }
  // A repeat or escalation is about an alert nobody has seen yet: moot once acknowledged, resolved or snoozed.
  if ((row.event === "repeat" || row.event === "escalate") && (alert.status !== "open" || (alert.snoozedUntil ?? 0) > now)) {
    if (await settle(db, row, { status: "skipped", lastError: `alert ${alert.snoozedUntil && alert.snoozedUntil > now ? "snoozed" : alert.status}` }))
      await log(db, row, "skipped", null, `alert ${alert.status}`, now);
    return;
  }
  const quietEnd = bypassesQuietHours(alert.severity, row.event) ? null : quietUntil(channelRow.quietHours, now, channelRow.quietTimeZone);
  if (quietEnd !== null) {
    // Quiet hours do not count as an attempt.
    if (await settle(db, row, { status: "pending", nextAttemptAt: quietEnd, attempts: row.attempts - 1 }))
      await log(db, row, "deferred", null, `quiet hours until ${new Date(quietEnd).toISOString()}`, now);
    return;
  }
  let channel;
  try {
    channel = openChannel(channelRow);
  } catch {
    if (await settle(db, row, { status: "failed", lastError: "channel settings cannot be decrypted (COCKPIT_SECRET changed?)" }))
      await log(db, row, "failed", null, "channel settings cannot be decrypted", now);
    return;
  }
  const { verdict, httpStatus, error } = await deliver(channelRow.id, channel, await noticeFor(alert, row.event as NotifyEvent, row.key, now), now);
  const after = o.now();
  if (verdict.kind === "sent") {
    if (await settle(db, row, { status: "sent", sentAt: after, httpStatus, lastError: null })) {
      await log(db, row, "sent", httpStatus, error, after); // e.g. the devices a push did not reach
      await recordAlertEvent(db, { alertId: alert.id, type: "notified", actor: channelRow.name, message: `${row.event} via ${channelRow.type}`, at: after });
    }
    return;
  }
  if (verdict.kind === "retry" && row.attempts < MAX_ATTEMPTS) {
    const wait = verdict.afterMs ?? backoffMs(row.attempts, o.retryBaseMs);
    if (await settle(db, row, { status: "pending", nextAttemptAt: after + wait, httpStatus, lastError: error }))
      await log(db, row, "retry", httpStatus, error, after);
    return;
  }
  if (await settle(db, row, { status: "failed", httpStatus, lastError: error })) {
    await log(db, row, "failed", httpStatus, error, after);
    await recordAlertEvent(db, { alertId: alert.id, type: "notify-failed", actor: channelRow.name, message: error, at: after });
  }
}

/** One pass: claims what is due and sends it in order. Returns how many rows it handled. */
export async function sendDueNotifications(db: Db, options: SenderOptions): Promise<number> {
  const o: Required<SenderOptions> = { batch: 20, now: Date.now, ...options };
  const rows = await claimDue(db, o.now(), o.leaseMs, o.batch);
  for (const row of rows) await sendOne(db, row, o);
  return rows.length;
}
