import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifyChannels, notifyOutbox, notifyRules } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { ruleMatches } from "./rules";
import type { NotifyEvent } from "./message";

/** One outbox key per (alert trigger, event, channel): queuing the same event twice changes nothing. */
export function outboxKey(alert: Pick<AlertRow, "id" | "triggeredAt" | "createdAt">, event: string, channelId: string): string {
  return `${alert.id}:${alert.triggeredAt ?? alert.createdAt}:${event}:${channelId}`;
}

async function insertRows(tx: Db, alert: AlertRow, event: NotifyEvent, channelIds: Iterable<string>, now: number, keyEvent: string = event): Promise<void> {
  const ids = [...new Set(channelIds)];
  if (ids.length === 0) return;
  const enabled = await tx
    .select({ id: notifyChannels.id })
    .from(notifyChannels)
    .where(and(inArray(notifyChannels.id, ids), eq(notifyChannels.enabled, true)));
  if (enabled.length === 0) return;
  await tx
    .insert(notifyOutbox)
    .values(enabled.map((c) => ({ key: outboxKey(alert, keyEvent, c.id), alertId: alert.id, channelId: c.id, event, nextAttemptAt: now, createdAt: now })))
    .onConflictDoNothing();
}

export async function matchingRules(tx: Db, alert: AlertRow) {
  const rules = await tx.select().from(notifyRules).where(eq(notifyRules.enabled, true));
  return rules.filter((r) => ruleMatches(r, alert));
}

/**
 * Queues notifications in the caller's transaction, so they exist exactly when the alert change does. A trigger goes to
 * the channels of every matching rule; a resolve is announced on every channel this trigger was sent or queued to.
 */
export async function enqueueAlertNotifications(tx: Db, alert: AlertRow, event: "trigger" | "resolve", now: number): Promise<void> {
  if (event === "trigger") {
    const rules = await matchingRules(tx, alert);
    return insertRows(
      tx,
      alert,
      "trigger",
      rules.flatMap((r) => r.channelIds),
      now,
    );
  }
  const prefix = `${alert.id}:${alert.triggeredAt ?? alert.createdAt}:`;
  const earlier = await tx
    .select({ key: notifyOutbox.key, channelId: notifyOutbox.channelId, event: notifyOutbox.event })
    .from(notifyOutbox)
    .where(eq(notifyOutbox.alertId, alert.id));
  const channels = earlier.filter((r) => r.key.startsWith(prefix) && r.event !== "resolve").map((r) => r.channelId);
  await insertRows(tx, alert, "resolve", channels, now);
}

/** Repeat and escalation rows are queued the same way, by the scheduler; `keyEvent` tells repeats apart ("repeat3"). */
export async function enqueueEvent(tx: Db, alert: AlertRow, event: NotifyEvent, channelIds: string[], now: number, keyEvent: string = event): Promise<void> {
  await insertRows(tx, alert, event, channelIds, now, keyEvent);
}
