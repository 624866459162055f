import "server-only";
import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { agentPresenceLog, agents, gitRepos, taskAttempts, tasks } from "../db/schema";
import { availabilitySlots, median, type AvailabilitySlot } from "./availability";

const HOUR_MS = 3600_000;
export const AVAILABILITY_WINDOWS = { "24h": { ms: 24 * HOUR_MS, slots: 96 }, "7d": { ms: 7 * 24 * HOUR_MS, slots: 84 } } as const;
export type AvailabilityWindow = keyof typeof AVAILABILITY_WINDOWS;

export async function getAgentRow(id: string) {
  const db = await getDb();
  return (await db.select().from(agents).where(eq(agents.id, id)).limit(1))[0] ?? null;
}

/** The availability bar of one agent over a window, from its presence history. */
export async function availability(agentId: string, window: AvailabilityWindow, now = Date.now()): Promise<AvailabilitySlot[]> {
  const db = await getDb();
  const { ms, slots } = AVAILABILITY_WINDOWS[window];
  const from = now - ms;
  const before = await db
    .select({ state: agentPresenceLog.state, at: agentPresenceLog.at })
    .from(agentPresenceLog)
    .where(and(eq(agentPresenceLog.agentId, agentId), lt(agentPresenceLog.at, from)))
    .orderBy(desc(agentPresenceLog.at), desc(agentPresenceLog.id))
    .limit(1);
  const inside = await db
    .select({ state: agentPresenceLog.state, at: agentPresenceLog.at })
    .from(agentPresenceLog)
    .where(and(eq(agentPresenceLog.agentId, agentId), gte(agentPresenceLog.at, from)))
    .orderBy(agentPresenceLog.at, agentPresenceLog.id);
  return availabilitySlots([...before, ...inside], from, now, slots);
}

/** Attempts this agent ended since `since`: how many, how many completed, and the median run time of the completed ones. */
export async function taskStats(agentId: string, since: number) {
  const db = await getDb();
  const rows = await db
    .select({ outcome: taskAttempts.outcome, startedAt: taskAttempts.startedAt, endedAt: taskAttempts.endedAt })
    .from(taskAttempts)
    .where(and(eq(taskAttempts.agentId, agentId), isNotNull(taskAttempts.endedAt), gte(taskAttempts.endedAt, since)))
    .orderBy(desc(taskAttempts.endedAt))
    .limit(5000);
  const counted = rows.filter((r) => r.outcome !== "expired");
  const completed = counted.filter((r) => r.outcome === "completed");
  const durations = completed.flatMap((r) => (r.startedAt !== null && r.endedAt !== null ? [r.endedAt - r.startedAt] : []));
  return {
    ended: counted.length,
    completed: completed.length,
    successRate: counted.length === 0 ? null : completed.length / counted.length,
    medianDurationMs: median(durations),
  };
}

/** Success rate over the last hour for many agents at once (the agents list). */
export async function successRates(agentIds: readonly string[], since: number): Promise<Map<string, { ended: number; completed: number }>> {
  const out = new Map<string, { ended: number; completed: number }>();
  if (agentIds.length === 0) return out;
  const db = await getDb();
  const rows = await db
    .select({
      agentId: taskAttempts.agentId,
      ended: sql<number>`count(*)`,
      completed: sql<number>`sum(case when ${taskAttempts.outcome} = 'completed' then 1 else 0 end)`,
    })
    .from(taskAttempts)
    .where(
      and(
        inArray(taskAttempts.agentId, [...agentIds]),
        gte(taskAttempts.endedAt, since),
        sql`${taskAttempts.outcome} IS NOT NULL AND ${taskAttempts.outcome} != 'expired'`,
      ),
    )
    .groupBy(taskAttempts.agentId);
  for (const r of rows) out.set(r.agentId, { ended: Number(r.ended), completed: Number(r.completed ?? 0) });
  return out;
}

/** The agent's latest tasks (assigned to it), newest first. */
export async function recentTasks(agentId: string, limit = 20) {
  const db = await getDb();
  return db.select().from(tasks).where(eq(tasks.assignedAgentId, agentId)).orderBy(desc(tasks.updatedAt)).limit(limit);
}

export async function agentRepos(agentId: string) {
  const db = await getDb();
  return db.select().from(gitRepos).where(eq(gitRepos.agentId, agentId)).orderBy(gitRepos.path).limit(500);
}
