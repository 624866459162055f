import "server-only";
import { and, asc, count, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifyChannels, notifyDeliveries, notifyOutbox } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { change } from "../db/serialize";
import { sendToHub } from "../hub-client/client";
import { OUTBOX_BACKLOG_KEY, backlogTitle, channelFailingKey, failingStreak } from "./outbox-trouble";
import { isUnresolved, raiseAlert, resolveAlert } from "./raise";
import { STORAGE_TROUBLE_KEY, reconcileStorageTrouble } from "./storage-trouble";

/** Cockpit's own trouble as alerts with stable keys (source "cockpit"): a failing channel, a late outbox, the database. */

async function broadcast(row: AlertRow | null | undefined): Promise<void> {
  if (row) await sendToHub({ changes: [change.alert(row)] }, { quiet: true });
}

/** Resolves the alert with this key only when one is unresolved: a read first, so the usual all-clear takes no write lock. */
async function resolveIfOpen(db: Db, dedupKey: string, reason: string, now: number): Promise<void> {
  if (await isUnresolved(db, dedupKey)) await broadcast(await db.transaction((tx) => resolveAlert(tx, dedupKey, reason, "cockpit", now)));
}

/** After each logged send attempt: N failures in a row raise the channel's alert; a success resolves it. */
export async function watchChannelResult(db: Db, channelId: string, result: string, failuresInARow: number, now = Date.now()): Promise<void> {
  if (result === "sent") {
    await resolveIfOpen(db, channelFailingKey(channelId), "the channel delivered again", now);
    return;
  }
  if (result !== "failed" && result !== "retry") return;
  const recent = await db
    .select({ result: notifyDeliveries.result, error: notifyDeliveries.error })
    .from(notifyDeliveries)
    .where(and(eq(notifyDeliveries.channelId, channelId), inArray(notifyDeliveries.result, ["sent", "retry", "failed"])))
    .orderBy(desc(notifyDeliveries.id))
    .limit(failuresInARow);
  if (
    !failingStreak(
      recent.map((r) => r.result),
      failuresInARow,
    )
  )
    return;
  const [channel] = await db
    .select({ name: notifyChannels.name, type: notifyChannels.type })
    .from(notifyChannels)
    .where(eq(notifyChannels.id, channelId))
    .limit(1);
  const raised = await db.transaction((tx) =>
    raiseAlert(
      tx,
      {
        dedupKey: channelFailingKey(channelId),
        severity: "warning",
        kind: "notify-channel-failing",
        source: "cockpit",
        title: `Notification channel ${channel?.name ?? channelId} failed ${failuresInARow} times in a row`,
        message: `${channel?.type ?? "channel"}: ${recent[0]?.error ?? "no answer"}`,
        metadata: { channelId },
      },
      now,
    ),
  );
  await broadcast(raised.row);
}

/** Notifications due for longer than `thresholdMs` and still unsent raise one alert; it resolves when none are. */
export async function checkOutboxBacklog(db: Db, thresholdMs: number, now = Date.now()): Promise<void> {
  const late = and(inArray(notifyOutbox.status, ["pending", "sending"]), lte(notifyOutbox.nextAttemptAt, now - thresholdMs));
  const [oldest] = await db.select({ dueAt: notifyOutbox.nextAttemptAt }).from(notifyOutbox).where(late).orderBy(asc(notifyOutbox.nextAttemptAt)).limit(1);
  if (!oldest) {
    await resolveIfOpen(db, OUTBOX_BACKLOG_KEY, "the outbox caught up", now);
    return;
  }
  // Raised once per episode: a backlog that lasts is one alert, not one more count every pass.
  if (await isUnresolved(db, OUTBOX_BACKLOG_KEY)) return;
  const [{ overdue } = { overdue: 0 }] = await db.select({ overdue: count() }).from(notifyOutbox).where(late);
  const raised = await db.transaction((tx) =>
    raiseAlert(
      tx,
      {
        dedupKey: OUTBOX_BACKLOG_KEY,
        severity: "warning",
        kind: "notify-backlog",
        source: "cockpit",
        title: `Notifications are late: ${backlogTitle({ overdue, oldestDueAt: oldest.dueAt }, thresholdMs)}`,
        message: `the oldest has been due since ${new Date(oldest.dueAt).toISOString()}`,
      },
      now,
    ),
  );
  await broadcast(raised.row);
}

/** Raises (or counts, or resolves) the database trouble noted in memory; see storage-trouble.ts for why it waits. */
export async function reconcileDatabaseTrouble(db: Db, clearAfterMs: number, now = Date.now()): Promise<void> {
  await reconcileStorageTrouble(
    {
      raise: async (t) => {
        const raised = await db.transaction((tx) =>
          raiseAlert(
            tx,
            {
              dedupKey: STORAGE_TROUBLE_KEY,
              severity: "critical",
              kind: "database-trouble",
              source: "cockpit",
              title: `The database refused writes: ${t.problem}`,
              message: `${t.failures} failed write${t.failures === 1 ? "" : "s"} since ${new Date(t.since).toISOString()}, the last at ${new Date(t.lastAt).toISOString()}`,
            },
            now,
          ),
        );
        await broadcast(raised.row);
      },
      resolve: async () => {
        await broadcast(await db.transaction((tx) => resolveAlert(tx, STORAGE_TROUBLE_KEY, "writes work again", "cockpit", now)));
      },
    },
    clearAfterMs,
    now,
  );
}
