import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Web Push (issue 19): the devices subscribed to a web push channel. Re-exported by schema.ts. */

const timestamp = (name: string) => integer(name);

/**
 * One row per device's browser push subscription. The endpoint is the push service's address for the device (a
 * capability: anyone holding it and the keys can send there), so it is never returned in full; the device's keys
 * (p256dh, auth) are sealed like channel secrets. A 404 or 410 from the push service removes the row.
 */
export const pushSubscriptions = sqliteTable(
  "cockpit_push_subscriptions",
  {
    id: text("id").primaryKey(),
    channelId: text("channel_id").notNull(),
    endpoint: text("endpoint").notNull(),
    keysSealed: text("keys_sealed").notNull(),
    deviceName: text("device_name").notNull(),
    createdAt: timestamp("created_at").notNull(),
    /** The last push the service accepted for this device. */
    lastUsedAt: timestamp("last_used_at"),
    lastError: text("last_error"),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_idx").on(t.endpoint), index("push_subscriptions_channel_idx").on(t.channelId)],
);
