import "server-only";
import { and, desc, eq, lt, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "../db/client";
import { agentMetrics, agentMetricsHourly } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import type { AgentMetricsFrame } from "../protocol/fleet-frames";
import { batteryLowKey, diskFullKey, raiseBatteryLow, raiseDiskNearlyFull, resolveBatteryLow, resolveDiskNearlyFull } from "./alerts";
import { summarizeSample, THRESHOLDS, type SampleSummary } from "./metrics-rules";

const HOUR_MS = 3600_000;
export const RAW_RETENTION_MS = 24 * HOUR_MS;
export const HOURLY_RETENTION_MS = 30 * 24 * HOUR_MS;

/**
 * Stores one health sample: the raw row, and the running average of its hour (so a 7-day chart reads at most 168
 * rows per agent, never a scan of samples). Alerts fire when a threshold is crossed, not on every sample above it.
 */
export async function storeMetrics(tx: Db, agentId: string, frame: AgentMetricsFrame, at: number): Promise<AlertRow[]> {
  const s = summarizeSample(frame);
  const [previous] = await tx
    .select({ diskUsedPercent: agentMetrics.diskUsedPercent, batteryPercent: agentMetrics.batteryPercent, onBattery: agentMetrics.onBattery })
    .from(agentMetrics)
    .where(eq(agentMetrics.agentId, agentId))
    .orderBy(desc(agentMetrics.at))
    .limit(1);
  await tx.insert(agentMetrics).values({ agentId, at, ...s, disks: frame.disks });
  await rollUp(tx, agentId, at, s);
  return checkThresholds(tx, agentId, frame, s, previous);
}

/** Folds one sample into its hour's averages (n samples so far → n + 1). */
async function rollUp(tx: Db, agentId: string, at: number, s: SampleSummary): Promise<void> {
  const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
  const h = agentMetricsHourly;
  const avg = (col: AnyColumn, value: number) => sql`(${col} * ${h.samples} + ${value}) / (${h.samples} + 1)`;
  // Nullable averages: a missing value keeps the average; a first value replaces a null one.
  const avgNullable = (col: AnyColumn, value: number | null) =>
    value === null ? sql`${col}` : sql`coalesce((${col} * ${h.samples} + ${value}) / (${h.samples} + 1), ${value})`;
  await tx
    .insert(h)
    .values({
      agentId,
      hour,
      samples: 1,
      cpuPercent: s.cpuPercent,
      load1: s.load1,
      memUsedPercent: s.memUsedPercent,
      diskUsedPercent: s.diskUsedPercent,
      batteryPercent: s.batteryPercent,
      agentRssBytes: s.agentRssBytes,
    })
    .onConflictDoUpdate({
      target: [h.agentId, h.hour],
      set: {
        cpuPercent: avg(h.cpuPercent, s.cpuPercent),
        load1: avg(h.load1, s.load1),
        memUsedPercent: avg(h.memUsedPercent, s.memUsedPercent),
        diskUsedPercent: avgNullable(h.diskUsedPercent, s.diskUsedPercent),
        batteryPercent: avgNullable(h.batteryPercent, s.batteryPercent),
        agentRssBytes: sql`cast((${h.agentRssBytes} * ${h.samples} + ${s.agentRssBytes}) / (${h.samples} + 1) as integer)`,
        samples: sql`${h.samples} + 1`,
      },
    });
}

type Previous = { diskUsedPercent: number | null; batteryPercent: number | null; onBattery: boolean | null } | undefined;

async function checkThresholds(tx: Db, agentId: string, frame: AgentMetricsFrame, s: SampleSummary, previous: Previous): Promise<AlertRow[]> {
  const raised: AlertRow[] = [];
  const wasFull = (previous?.diskUsedPercent ?? 0) >= THRESHOLDS.diskUsedPercent;
  const fullest = frame.disks.reduce<(typeof frame.disks)[number] | null>(
    (worst, d) => (d.totalBytes > 0 && (!worst || d.freeBytes / d.totalBytes < worst.freeBytes / worst.totalBytes) ? d : worst),
    null,
  );
  if (s.diskUsedPercent !== null && fullest) {
    const isFull = s.diskUsedPercent >= THRESHOLDS.diskUsedPercent;
    if (isFull && !wasFull) {
      const alert = await raiseDiskNearlyFull(tx, agentId, fullest.path, fullest.freeBytes, s.diskUsedPercent);
      if (alert) raised.push(alert);
    } else if (!isFull && wasFull) {
      const resolved = await resolveDiskNearlyFull(tx, diskFullKey(agentId, fullest.path));
      if (resolved) raised.push(resolved);
    }
  }
  const low = (p: number | null, onBattery: boolean | null) => onBattery === true && p !== null && p <= THRESHOLDS.batteryPercent;
  const wasLow = previous ? low(previous.batteryPercent, previous.onBattery) : false;
  const isLow = low(s.batteryPercent, s.onBattery);
  if (isLow && !wasLow) {
    const alert = await raiseBatteryLow(tx, agentId, s.batteryPercent ?? 0);
    if (alert) raised.push(alert);
  } else if (!isLow && wasLow) {
    const resolved = await resolveBatteryLow(tx, batteryLowKey(agentId));
    if (resolved) raised.push(resolved);
  }
  return raised;
}

/** Raw samples older than a day and hourly rows older than 30 days go; the sweep calls this hourly. */
export async function pruneMetrics(db: Db, now = Date.now()): Promise<void> {
  await db.delete(agentMetrics).where(lt(agentMetrics.at, now - RAW_RETENTION_MS));
  await db.delete(agentMetricsHourly).where(lt(agentMetricsHourly.hour, now - HOURLY_RETENTION_MS));
}

/** Raw samples of one agent since `since`, oldest first (the 24 h charts). */
export async function listSamples(db: Db, agentId: string, since: number) {
  return db
    .select()
    .from(agentMetrics)
    .where(and(eq(agentMetrics.agentId, agentId), sql`${agentMetrics.at} >= ${since}`))
    .orderBy(agentMetrics.at);
}

/** Hourly rows of one agent since `since`, oldest first (the 7-day charts). */
export async function listHourly(db: Db, agentId: string, since: number) {
  return db
    .select()
    .from(agentMetricsHourly)
    .where(and(eq(agentMetricsHourly.agentId, agentId), sql`${agentMetricsHourly.hour} >= ${since}`))
    .orderBy(agentMetricsHourly.hour);
}
