import "server-only";
import { and, gte, inArray } from "drizzle-orm";
import { getDb } from "../db/client";
import { agentMetricsHourly } from "../db/schema";
import { activeTasksByAgent } from "../tasks/store";
import { successRates } from "./agent-detail";
import type { AgentHealth } from "./states";

const HOUR_MS = 3600_000;

export async function loadAgentHealth(agentIds: readonly string[], now = Date.now()): Promise<Record<string, AgentHealth>> {
  const db = await getDb();
  const firstHour = Math.floor((now - 23 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const [active, rates, hourly] = await Promise.all([
    activeTasksByAgent(db),
    successRates(agentIds, now - HOUR_MS),
    agentIds.length === 0
      ? []
      : db
          .select({ agentId: agentMetricsHourly.agentId, hour: agentMetricsHourly.hour, cpu: agentMetricsHourly.cpuPercent })
          .from(agentMetricsHourly)
          .where(and(inArray(agentMetricsHourly.agentId, [...agentIds]), gte(agentMetricsHourly.hour, firstHour))),
  ]);
  const out: Record<string, AgentHealth> = {};
  for (const id of agentIds) {
    const rate = rates.get(id);
    out[id] = {
      active: active.get(id)?.length ?? 0,
      ended: rate?.ended ?? 0,
      successRate: rate && rate.ended > 0 ? rate.completed / rate.ended : null,
      cpuByHour: Array.from({ length: 24 }, () => null),
    };
  }
  for (const row of hourly) {
    const slot = Math.round((row.hour - firstHour) / HOUR_MS);
    const health = out[row.agentId];
    if (health && slot >= 0 && slot < 24) health.cpuByHour[slot] = row.cpu;
  }
  return out;
}
