import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { AlertSeverity } from "../../protocol/common";
import type { Cursor } from "../../http/paging";
import { getDb, getReadDb, type Db } from "../client";
import { alertCounts } from "./counts";
import { alerts } from "../schema";
import type { AlertRow } from "../serialize";

export type AlertFilter = { severity?: AlertSeverity; acknowledged?: boolean };

function filterWhere(f: AlertFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.severity) parts.push(eq(alerts.severity, f.severity));
  if (f.acknowledged !== undefined) parts.push(eq(alerts.acknowledged, f.acknowledged));
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

export async function insertAlert(input: NewAlert, tx?: Db): Promise<AlertRow | "duplicate"> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .insert(alerts)
    .values({
      id: input.id ?? `alert_${randomUUID()}`,
      severity: input.severity,
      title: input.title,
      message: input.message ?? null,
      source: input.source ?? null,
      agentId: input.agentId ?? null,
      metadata: input.metadata ?? null,
      createdAt: Date.now(),
    })
    .onConflictDoNothing()
    .returning();
  return row ?? "duplicate";
}

/** Idempotent: the first acknowledgement's who and when are kept; later ones change nothing. */
export async function acknowledgeAlert(id: string, by: string): Promise<{ row: AlertRow; changed: boolean } | null> {
  const db = await getDb();
  const [updated] = await db
    .update(alerts)
    .set({ acknowledged: true, acknowledgedBy: by, acknowledgedAt: Date.now() })
    .where(and(eq(alerts.id, id), eq(alerts.acknowledged, false)))
    .returning();
  if (updated) return { row: updated, changed: true };
  const existing = await db.query.alerts.findFirst({ where: eq(alerts.id, id) });
  return existing ? { row: existing, changed: false } : null;
}

export async function countOpenAlertsBySeverity(): Promise<Record<string, number>> {
  const open = (await alertCounts(await getDb())).filter((c) => !c.acknowledged && c.n > 0);
  return Object.fromEntries(open.map((c) => [c.severity, c.n]));
}
