import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AlertSeverity } from "../../protocol/common";
import type { Cursor } from "../../http/paging";
import { getDb, getReadDb, type Db } from "../client";
import { alertCounts } from "./counts";
import { raiseAlert } from "../../alerts/raise";
import { acknowledgeAlerts } from "../../alerts/lifecycle";
import { alerts } from "../schema";
import type { AlertRow } from "../serialize";

import type { AlertState } from "../../alerts/states";
export { ALERT_STATES, type AlertState } from "../../alerts/states";
export type AlertFilter = { severity?: AlertSeverity; acknowledged?: boolean; status?: AlertState };

function filterWhere(f: AlertFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.severity) parts.push(eq(alerts.severity, f.severity));
  if (f.acknowledged !== undefined) parts.push(eq(alerts.acknowledged, f.acknowledged));
  if (f.status) parts.push(eq(alerts.status, f.status));
  return parts.length ? and(...parts) : undefined;
}

export async function listAlerts(f: AlertFilter & { limit: number; cursor?: Cursor }): Promise<{ rows: AlertRow[]; total: number }> {
  const db = await getReadDb();
  const where = filterWhere(f);
  const keyset = f.cursor ? sql`(${alerts.createdAt}, ${alerts.id}) < (${f.cursor.createdAt}, ${f.cursor.id})` : undefined;
  const rows = await db
    .select()
    .from(alerts)
    .where(and(where, keyset))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(f.limit + 1);
  // The counts table knows severity × acknowledged; a state filter counts over its index instead.
  if (f.status) {
    const [row] = await db.select({ n: count() }).from(alerts).where(where);
    return { rows, total: row?.n ?? 0 };
  }
  const total = (await alertCounts(db))
    .filter((c) => (f.severity === undefined || c.severity === f.severity) && (f.acknowledged === undefined || c.acknowledged === f.acknowledged))
    .reduce((sum, c) => sum + c.n, 0);
  return { rows, total };
}

export type NewAlert = {
  id?: string;
  severity: AlertSeverity;
  title: string;
  message?: string;
  source?: string;
  agentId?: string;
  metadata?: unknown;
};

const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);

/**
 * Raises an alert through the lifecycle (lib/alerts/raise.ts), so it is notified; with `metadata.dedupKey` (other
 * features' adapters) one alert per key, with a count.
 */
export async function insertAlert(input: NewAlert, tx?: Db): Promise<AlertRow | "duplicate"> {
  const meta = typeof input.metadata === "object" && input.metadata !== null ? (input.metadata as Record<string, unknown>) : {};
  const raise = (db: Db) =>
    raiseAlert(db, { ...input, dedupKey: text(meta.dedupKey) ?? undefined, kind: text(meta.kind), taskId: text(meta.taskId), repoId: text(meta.repoId) });
  // The alert, its timeline entry and its queued notifications commit together.
  const raised = tx ? await raise(tx) : await (await getDb()).transaction(raise);
  return raised.row ?? "duplicate";
}

/** Idempotent: the first acknowledgement's who and when are kept; later ones change nothing. */
export async function acknowledgeAlert(id: string, by: string, comment?: string | null): Promise<{ row: AlertRow; changed: boolean } | null> {
  const db = await getDb();
  const outcome = await db.transaction((tx) => acknowledgeAlerts(tx, [id], by, comment));
  const row = outcome.changed[0] ?? outcome.unchanged[0];
  return row ? { row, changed: outcome.changed.length > 0 } : null;
}

export async function countOpenAlertsBySeverity(): Promise<Record<string, number>> {
  const open = (await alertCounts(await getDb())).filter((c) => !c.acknowledged && c.n > 0);
  return Object.fromEntries(open.map((c) => [c.severity, c.n]));
}
