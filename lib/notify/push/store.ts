import "server-only";
import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { pushSubscriptions } from "../../db/schema";
import { env } from "../../env";
import { iso } from "../../http/time";
import { seal, unseal } from "../secrets";

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type DeviceSubscription = { id: string; endpoint: string; keys: { p256dh: string; auth: string } };

/** As REST and the page show it: the push service's origin, never the endpoint (a capability) nor the keys. */
export function subscriptionJson(r: PushSubscriptionRow) {
  return {
    id: r.id,
    channelId: r.channelId,
    deviceName: r.deviceName,
    pushService: new URL(r.endpoint).origin,
    createdAt: iso(r.createdAt),
    lastUsedAt: iso(r.lastUsedAt),
    lastError: r.lastError,
  };
}

/** One row per endpoint: the same device subscribing again (new keys, new name, another channel) replaces its row. */
export async function saveSubscription(input: { channelId: string; endpoint: string; keys: { p256dh: string; auth: string }; deviceName: string }) {
  const now = Date.now();
  const keysSealed = seal(env().COCKPIT_SECRET, JSON.stringify(input.keys));
  const [row] = await (
    await getDb()
  )
    .insert(pushSubscriptions)
    .values({ id: `push_${randomUUID()}`, channelId: input.channelId, endpoint: input.endpoint, keysSealed, deviceName: input.deviceName, createdAt: now })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { channelId: input.channelId, keysSealed, deviceName: input.deviceName, createdAt: now, lastError: null },
    })
    .returning();
  return row!;
}

export async function listSubscriptions(): Promise<PushSubscriptionRow[]> {
  return (await getDb()).select().from(pushSubscriptions).orderBy(asc(pushSubscriptions.createdAt));
}

/** By id (the page revokes any device) or by endpoint (a device unsubscribes itself). */
export async function removeSubscription(by: { id: string } | { endpoint: string }): Promise<PushSubscriptionRow | undefined> {
  const where = "id" in by ? eq(pushSubscriptions.id, by.id) : eq(pushSubscriptions.endpoint, by.endpoint);
  const [row] = await (await getDb()).delete(pushSubscriptions).where(where).returning();
  return row;
}

/** The channel's devices with their keys, for sending only; a row sealed under another secret cannot be used and is skipped. */
export async function devicesOf(db: Db, channelId: string): Promise<DeviceSubscription[]> {
  const rows = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.channelId, channelId)).orderBy(asc(pushSubscriptions.createdAt));
  return rows.flatMap((r) => {
    try {
      return [{ id: r.id, endpoint: r.endpoint, keys: JSON.parse(unseal(env().COCKPIT_SECRET, r.keysSealed)) as DeviceSubscription["keys"] }];
    } catch {
      return [];
    }
  });
}

export async function recordDeviceOutcome(db: Db, id: string, outcome: { usedAt: number } | { error: string } | "expired"): Promise<void> {
  if (outcome === "expired") await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  else if ("usedAt" in outcome) await db.update(pushSubscriptions).set({ lastUsedAt: outcome.usedAt, lastError: null }).where(eq(pushSubscriptions.id, id));
  else await db.update(pushSubscriptions).set({ lastError: outcome.error }).where(eq(pushSubscriptions.id, id));
}
