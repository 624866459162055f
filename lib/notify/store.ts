import "server-only";
import { randomUUID } from "node:crypto";
import { asc, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "../db/client";
import { notifyChannels, notifyDeliveries, notifyOutbox, notifyRules, pushSubscriptions } from "../db/schema";
import { env } from "../env";
import { iso } from "../http/time";
import { channelConfigSchemas, redactChannel, type AnyChannel, type ChannelType } from "./channel-config";
import { seal, unseal } from "./secrets";

export type ChannelRow = typeof notifyChannels.$inferSelect;
export type RuleRow = typeof notifyRules.$inferSelect;

/** The channel with its secrets, for sending only. */
export function openChannel(row: ChannelRow): AnyChannel {
  const type = row.type as ChannelType;
  const config = channelConfigSchemas[type].parse(JSON.parse(unseal(env().COCKPIT_SECRET, row.configSealed)));
  return { type, config } as AnyChannel;
}

function redactedConfig(row: ChannelRow): Record<string, unknown> | null {
  try {
    return redactChannel(openChannel(row));
  } catch {
    return null; // sealed under another COCKPIT_SECRET: the channel must be set up again
  }
}

/** As REST and the page show it: secrets masked. */
export function channelJson(row: ChannelRow) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    enabled: row.enabled,
    quietHours: row.quietHours,
    quietTimeZone: row.quietTimeZone,
    config: redactedConfig(row),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function ruleJson(r: RuleRow) {
  return {
    id: r.id,
    name: r.name,
    severities: r.severities,
    sources: r.sources,
    agentIds: r.agentIds,
    kinds: r.kinds,
    channelIds: r.channelIds,
    repeatMinutes: r.repeatMinutes,
    escalateAfterMinutes: r.escalateAfterMinutes,
    escalateChannelIds: r.escalateChannelIds,
    enabled: r.enabled,
    createdAt: iso(r.createdAt),
  };
}

export async function listChannels(): Promise<ChannelRow[]> {
  return (await getDb()).select().from(notifyChannels).orderBy(asc(notifyChannels.createdAt));
}

export async function findChannel(id: string, db?: Db): Promise<ChannelRow | undefined> {
  const [row] = await (db ?? (await getDb())).select().from(notifyChannels).where(eq(notifyChannels.id, id)).limit(1);
  return row;
}

export async function createChannel(input: {
  name: string;
  channel: AnyChannel;
  quietHours?: string | null;
  quietTimeZone?: string | null;
  enabled?: boolean;
}): Promise<ChannelRow> {
  const now = Date.now();
  const [row] = await (
    await getDb()
  )
    .insert(notifyChannels)
    .values({
      id: `ch_${randomUUID()}`,
      name: input.name,
      type: input.channel.type,
      configSealed: seal(env().COCKPIT_SECRET, JSON.stringify(input.channel.config)),
      quietHours: input.quietHours ?? null,
      quietTimeZone: input.quietTimeZone ?? null,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export async function updateChannel(
  id: string,
  patch: { name?: string; config?: unknown; quietHours?: string | null; quietTimeZone?: string | null; enabled?: boolean },
): Promise<ChannelRow | undefined> {
  const set: Partial<ChannelRow> = { updatedAt: Date.now() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.quietHours !== undefined) set.quietHours = patch.quietHours;
  if (patch.quietTimeZone !== undefined) set.quietTimeZone = patch.quietTimeZone;
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (patch.config !== undefined) set.configSealed = seal(env().COCKPIT_SECRET, JSON.stringify(patch.config));
  const [row] = await (await getDb()).update(notifyChannels).set(set).where(eq(notifyChannels.id, id)).returning();
  return row;
}

export async function deleteChannel(id: string): Promise<boolean> {
  const db = await getDb();
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.channelId, id)); // a web push channel's devices go with it
  return (await db.delete(notifyChannels).where(eq(notifyChannels.id, id)).returning()).length > 0;
}

export async function listRules(): Promise<RuleRow[]> {
  return (await getDb()).select().from(notifyRules).orderBy(asc(notifyRules.createdAt));
}

export async function createRule(input: Omit<RuleRow, "id" | "createdAt">): Promise<RuleRow> {
  const [row] = await (
    await getDb()
  )
    .insert(notifyRules)
    .values({ ...input, id: `rule_${randomUUID()}`, createdAt: Date.now() })
    .returning();
  return row!;
}

export async function findRule(id: string): Promise<RuleRow | undefined> {
  const [row] = await (await getDb()).select().from(notifyRules).where(eq(notifyRules.id, id)).limit(1);
  return row;
}

export async function updateRule(id: string, patch: Partial<Omit<RuleRow, "id" | "createdAt">>): Promise<RuleRow | undefined> {
  const [row] = await (await getDb()).update(notifyRules).set(patch).where(eq(notifyRules.id, id)).returning();
  return row;
}

export async function deleteRule(id: string): Promise<boolean> {
  return (await (await getDb()).delete(notifyRules).where(eq(notifyRules.id, id)).returning()).length > 0;
}

/** The alert's delivery log: every attempt, newest first, with the channel's name. */
export async function listDeliveries(alertId: string) {
  const db = await getDb();
  const rows = await db
    .select({ d: notifyDeliveries, channelName: notifyChannels.name, channelType: notifyChannels.type })
    .from(notifyDeliveries)
    .leftJoin(notifyChannels, eq(notifyChannels.id, notifyDeliveries.channelId))
    .where(eq(notifyDeliveries.alertId, alertId))
    .orderBy(desc(notifyDeliveries.id))
    .limit(200);
  const pending = await db.select().from(notifyOutbox).where(eq(notifyOutbox.alertId, alertId)).orderBy(asc(notifyOutbox.id)).limit(200);
  return {
    deliveries: rows.map(({ d, channelName, channelType }) => ({
      id: d.id,
      channelId: d.channelId,
      channelName,
      channelType,
      event: d.event,
      result: d.result,
      httpStatus: d.httpStatus,
      error: d.error,
      at: iso(d.createdAt),
    })),
    outbox: pending.map((o) => ({
      id: o.id,
      channelId: o.channelId,
      event: o.event,
      status: o.status,
      attempts: o.attempts,
      nextAttemptAt: iso(o.nextAttemptAt),
      sentAt: iso(o.sentAt),
    })),
  };
}
