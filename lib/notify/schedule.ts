import "server-only";
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { alerts, notifyRules } from "../db/schema";
import { enqueueEvent } from "./enqueue";
import { dueRepeat, ruleMatches } from "./rules";

/** Open alerts looked at per pass; rules with repeats are about alerts people have not seen yet, rarely thousands. */
const OPEN_ALERTS_PER_PASS = 1000;

/**
 * Queues "still open" repeats and escalations for open, unacknowledged, unsnoozed, unsilenced alerts. Keys carry the repeat's
 * number, so a pass that runs twice (or a web that restarts) queues each repeat once.
 */
export async function scheduleRepeats(db: Db, now = Date.now()): Promise<void> {
  const rules = (await db.select().from(notifyRules).where(eq(notifyRules.enabled, true))).filter((r) => r.repeatMinutes || r.escalateAfterMinutes);
  if (rules.length === 0) return;
  const open = await db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.status, "open"),
        or(isNull(alerts.snoozedUntil), lt(alerts.snoozedUntil, now)),
        or(isNull(alerts.silencedUntil), lte(alerts.silencedUntil, now)),
      ),
    )
    .limit(OPEN_ALERTS_PER_PASS);
  for (const alert of open) {
    const since = alert.triggeredAt ?? alert.createdAt;
    for (const rule of rules.filter((r) => ruleMatches(r, alert))) {
      const n = dueRepeat(since, rule.repeatMinutes, now);
      if (n !== null) await enqueueEvent(db, alert, "repeat", rule.channelIds, now, `repeat${n}`);
      if (rule.escalateAfterMinutes && now - since >= rule.escalateAfterMinutes * 60_000)
        await enqueueEvent(db, alert, "escalate", rule.escalateChannelIds, now);
    }
  }
}
