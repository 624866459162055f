import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, isNull, lte, ne, or, lt, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertSilences, alerts } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { enqueueAlertNotifications } from "../notify/enqueue";
import { recordAlertEvent } from "./events";
import type { SilenceRow } from "./silence-json";
import { silenceFor, silenceMatches, type SilenceFilter, type SilenceState } from "./silence-match";

export { silenceJson } from "./silence-json";

export type SilenceInput = SilenceFilter & { startsAt: number; endsAt: number; comment: string };

/** Unresolved alerts looked at per silence and pass; a silence is about one source, rarely thousands of open alerts. */
const ALERTS_PER_SILENCE = 1000;

const activeAt = (now: number) => and(lte(alertSilences.startsAt, now), gt(alertSilences.endsAt, now));

export async function activeSilences(db: Db, now: number): Promise<SilenceRow[]> {
  return db.select().from(alertSilences).where(activeAt(now));
}

/** Newest first; `state` narrows to pending, active or expired ones, "current" (the default) to those not yet over. */
export async function listSilences(db: Db, state: SilenceState | "current" | "all", now = Date.now(), limit = 200): Promise<SilenceRow[]> {
  const where: Record<typeof state, SQL | undefined> = {
    all: undefined,
    current: gt(alertSilences.endsAt, now),
    active: activeAt(now),
    pending: gt(alertSilences.startsAt, now),
    expired: lte(alertSilences.endsAt, now),
  };
  return db.select().from(alertSilences).where(where[state]).orderBy(desc(alertSilences.createdAt), desc(alertSilences.id)).limit(limit);
}

/** Marks one alert as muted by `s` and says so on its timeline. */
async function markSilenced(tx: Db, alertId: string, s: SilenceRow, now: number): Promise<AlertRow | undefined> {
  const [row] = await tx.update(alerts).set({ silenceId: s.id, silencedUntil: s.endsAt }).where(eq(alerts.id, alertId)).returning();
  if (row) await recordAlertEvent(tx, { alertId, type: "silenced", actor: s.createdBy, message: `until ${new Date(s.endsAt).toISOString()}: ${s.comment}`, at: now });
  return row;
}

/**
 * Called for a new or reopened alert, in the raise's transaction: under an active matching silence it is marked
 * silenced and nothing is queued; otherwise its trigger notifications are queued as usual.
 */
export async function silenceOrNotify(tx: Db, row: AlertRow, now: number): Promise<AlertRow> {
  const silence = silenceFor(await activeSilences(tx, now), row, now);
  if (!silence) {
    await enqueueAlertNotifications(tx, row, "trigger", now);
    return row;
  }
  return (await markSilenced(tx, row.id, silence, now)) ?? row;
}

/** Unresolved alerts `s` matches that it does not already cover to its end. */
async function newlyCovered(tx: Db, s: SilenceRow): Promise<AlertRow[]> {
  const filters = [ne(alerts.status, "resolved"), or(isNull(alerts.silencedUntil), lt(alerts.silencedUntil, s.endsAt))];
  if (s.agentId !== null) filters.push(eq(alerts.agentId, s.agentId));
  if (s.kind !== null) filters.push(eq(alerts.kind, s.kind));
  if (s.source !== null) filters.push(eq(alerts.source, s.source));
  const rows = await tx
    .select()
    .from(alerts)
    .where(and(...filters))
    .limit(ALERTS_PER_SILENCE);
  return rows.filter((a) => silenceMatches(s, a));
}

/**
 * The notifier's pass (also run right after a silence is created or expired): active silences mute the unresolved
 * alerts they match; alerts whose silence is over lose the mark, and one still open is notified now, as it would
 * have been (its trigger's outbox key is the same, so an alert notified before the silence is not notified twice).
 */
export async function applySilences(db: Db, now = Date.now()): Promise<AlertRow[]> {
  // Reads first: most passes find nothing to do and then take no write lock.
  const covering: [SilenceRow, AlertRow[]][] = [];
  for (const s of await activeSilences(db, now)) {
    const found = await newlyCovered(db, s);
    if (found.length > 0) covering.push([s, found]);
  }
  const [anyEnded] = await db.select({ id: alerts.id }).from(alerts).where(lte(alerts.silencedUntil, now)).limit(1);
  if (covering.length === 0 && !anyEnded) return [];
  return db.transaction(async (tx) => {
    const changed = new Map<string, AlertRow>();
    for (const [s, found] of covering) {
      for (const a of found) {
        const row = await markSilenced(tx, a.id, s, now);
        if (row) changed.set(row.id, row);
      }
    }
    const ended = await tx.update(alerts).set({ silenceId: null, silencedUntil: null }).where(lte(alerts.silencedUntil, now)).returning();
    for (const row of ended) {
      changed.set(row.id, row);
      if (row.status !== "open") continue;
      await recordAlertEvent(tx, { alertId: row.id, type: "unsilenced", actor: "cockpit", message: "the silence is over and the alert is still open", at: now });
      await enqueueAlertNotifications(tx, row, "trigger", now);
    }
    return [...changed.values()];
  });
}

export async function createSilence(db: Db, input: SilenceInput, by: string, now = Date.now()): Promise<SilenceRow> {
  const [row] = await db
    .insert(alertSilences)
    .values({ id: `silence_${randomUUID()}`, ...input, createdBy: by, createdAt: now })
    .returning();
  return row!;
}

/** Ends the silence now (a pending one never starts); its alerts lose the mark on the next applySilences. */
export async function expireSilence(db: Db, id: string, by: string, now = Date.now()): Promise<{ row: SilenceRow | undefined; changed: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(alertSilences)
      .set({ endsAt: now, expiredBy: by })
      .where(and(eq(alertSilences.id, id), gt(alertSilences.endsAt, now)))
      .returning();
    if (row) {
      await tx.update(alerts).set({ silencedUntil: now }).where(eq(alerts.silenceId, id));
      return { row, changed: true };
    }
    const [existing] = await tx.select().from(alertSilences).where(eq(alertSilences.id, id)).limit(1);
    return { row: existing, changed: false };
  });
}
