import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { alerts } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { recordAlertEvent } from "./events";

/**
 * Undo of an acknowledgement (the swipe's Undo): acknowledged → open, the acknowledgement's who, when and comment
 * cleared, and an `unacknowledged` entry in its timeline. Only an acknowledged alert changes: a resolved one stays
 * resolved, an open one has nothing to undo. Notifications resume as for any open alert.
 */
export async function unacknowledgeAlert(tx: Db, id: string, by: string, now = Date.now()): Promise<{ row: AlertRow; changed: boolean } | null> {
  const [row] = await tx
    .update(alerts)
    .set({ status: "open", acknowledged: false, acknowledgedBy: null, acknowledgedAt: null, ackComment: null, unacknowledgedAt: now })
    .where(and(eq(alerts.id, id), eq(alerts.status, "acknowledged")))
    .returning();
  if (row) {
    await recordAlertEvent(tx, { alertId: id, type: "unacknowledged", actor: by, message: "acknowledgement undone", at: now });
    return { row, changed: true };
  }
  const [existing] = await tx.select().from(alerts).where(eq(alerts.id, id)).limit(1);
  return existing ? { row: existing, changed: false } : null;
}
