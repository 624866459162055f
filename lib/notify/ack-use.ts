import "server-only";
import { eq } from "drizzle-orm";
import { acknowledgeAlerts, findAlert } from "../alerts/lifecycle";
import { getDb } from "../db/client";
import { usedAckLinks } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { env } from "../env";
import { verifyAckToken } from "./ack-link";

export type AckLinkOutcome = "acknowledged" | "already" | "used" | "expired" | "invalid" | "missing";
export const ACK_LINK_ACTOR = "acknowledge link";

/** What a GET of the confirmation page may show: reads only, changes nothing. */
export async function inspectAckLink(token: string): Promise<{ outcome: AckLinkOutcome | "ready"; alert?: AlertRow }> {
  const verdict = await verifyAckToken(env().COCKPIT_SECRET, token);
  if (!verdict.ok) return { outcome: verdict.reason };
  const db = await getDb();
  const alert = await findAlert(db, verdict.claims.alertId);
  if (!alert) return { outcome: "missing" };
  const [used] = await db.select().from(usedAckLinks).where(eq(usedAckLinks.nonce, verdict.claims.nonce)).limit(1);
  if (used) return { outcome: "used", alert };
  return { outcome: alert.status === "open" ? "ready" : "already", alert };
}

/** The POST: the link is spent (once, whatever the alert's state) and the alert acknowledged if it is still open. */
export async function useAckLink(token: string): Promise<{ outcome: AckLinkOutcome; alert?: AlertRow }> {
  const verdict = await verifyAckToken(env().COCKPIT_SECRET, token);
  if (!verdict.ok) return { outcome: verdict.reason };
  const { alertId, nonce } = verdict.claims;
  return (await getDb()).transaction(async (tx) => {
    const alert = await findAlert(tx, alertId);
    if (!alert) return { outcome: "missing" as const };
    const spent = await tx.insert(usedAckLinks).values({ nonce, alertId, usedAt: Date.now() }).onConflictDoNothing().returning();
    if (spent.length === 0) return { outcome: "used" as const, alert };
    const { changed } = await acknowledgeAlerts(tx, [alertId], ACK_LINK_ACTOR, "acknowledged from a notification");
    return changed[0] ? { outcome: "acknowledged" as const, alert: changed[0] } : { outcome: "already" as const, alert };
  });
}
