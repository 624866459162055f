import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertEvents } from "../db/schema";

/** What an alert's timeline records. */
export type AlertEventType =
  | "triggered"
  | "repeated"
  | "reopened"
  | "acknowledged"
  | "unacknowledged"
  | "resolved"
  | "snoozed"
  | "silenced"
  | "unsilenced"
  | "notified"
  | "notify-failed";

export async function recordAlertEvent(
  db: Db,
  e: { alertId: string; type: AlertEventType; actor?: string | null; message?: string | null; at?: number },
): Promise<void> {
  await db.insert(alertEvents).values({ alertId: e.alertId, type: e.type, actor: e.actor ?? null, message: e.message ?? null, createdAt: e.at ?? Date.now() });
}

/** The newest 500 entries are plenty for a page; a storm folds into `repeated` entries that are not recorded one by one. */
export async function listAlertEvents(db: Db, alertId: string) {
  return db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(asc(alertEvents.id)).limit(500);
}
