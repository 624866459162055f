import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Fleet truth (issue 14): presence history and health samples. Re-exported by schema.ts. */

const timestamp = (name: string) => integer(name);

/**
 * One row per presence change of an agent (online, paused, unreachable, asleep, stopped, crashed, offline), from
 * `at` until the next row: the availability bar reads the rows of its window. A wake report relabels the
 * "unreachable" rows of the gap as "asleep".
 */
export const agentPresenceLog = sqliteTable(
  "cockpit_agent_presence_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentId: text("agent_id").notNull(),
    state: text("state").notNull(),
    at: timestamp("at").notNull(),
  },
  (t) => [index("agent_presence_log_agent_at_idx").on(t.agentId, t.at), index("agent_presence_log_at_idx").on(t.at)],
);

/** Raw health samples, kept a day (then only the hourly rollup remains). */
export const agentMetrics = sqliteTable(
  "cockpit_agent_metrics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentId: text("agent_id").notNull(),
    at: timestamp("at").notNull(),
    cpuPercent: real("cpu_percent").notNull(),
    load1: real("load1").notNull(),
    memUsedPercent: real("mem_used_percent").notNull(),
    /** The fullest watched volume's used share; the per-volume detail is in `disks`. */
    diskUsedPercent: real("disk_used_percent"),
    diskFreeBytes: integer("disk_free_bytes"),
    batteryPercent: real("battery_percent"),
    onBattery: integer("on_battery", { mode: "boolean" }),
    agentRssBytes: integer("agent_rss_bytes").notNull(),
    systemUptimeSec: real("system_uptime_sec").notNull(),
    disks: text("disks", { mode: "json" }).$type<{ path: string; freeBytes: number; totalBytes: number }[]>(),
  },
  (t) => [index("agent_metrics_agent_at_idx").on(t.agentId, t.at), index("agent_metrics_at_idx").on(t.at)],
);

/** Hourly averages (and the worst disk / lowest battery) per agent, kept 30 days. `hour` is the hour's start (ms). */
export const agentMetricsHourly = sqliteTable(
  "cockpit_agent_metrics_hourly",
  {
    agentId: text("agent_id").notNull(),
    hour: timestamp("hour").notNull(),
    samples: integer("samples").notNull(),
    cpuPercent: real("cpu_percent").notNull(),
    load1: real("load1").notNull(),
    memUsedPercent: real("mem_used_percent").notNull(),
    diskUsedPercent: real("disk_used_percent"),
    batteryPercent: real("battery_percent"),
    agentRssBytes: integer("agent_rss_bytes").notNull(),
  },
  (t) => [uniqueIndex("agent_metrics_hourly_agent_hour_idx").on(t.agentId, t.hour), index("agent_metrics_hourly_hour_idx").on(t.hour)],
);
