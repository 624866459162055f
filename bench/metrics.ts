/** Fleet health: agent-metrics samples from many agents, stored raw plus the hourly rollup, vs direct inserts. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InStatement } from "@libsql/client";
import { connectPool, type Pool } from "./lib/agent-pool";
import { countRows, migrateDb, openDb } from "./lib/db";
import type { BenchStack } from "./lib/stack";
import { nowMs, row, until, type ResultRow } from "./lib/stats";

export type MetricsSizes = { agents: number; rounds: number };

function sample(agentIndex: number, round: number) {
  return {
    type: "agent-metrics",
    cpuPercent: (agentIndex * 7 + round * 13) % 100,
    load: [1.5, 1.2, 1.0],
    memTotalBytes: 16 * 2 ** 30,
    memFreeBytes: 6 * 2 ** 30,
    disks: [{ path: "/Users/dev/src", freeBytes: 200e9, totalBytes: 500e9 }],
    battery: { percent: 80 - (round % 50), onBattery: round % 2 === 0 },
    agentRssBytes: 90e6,
    systemUptimeSec: 86_400 + round * 30,
    agentUptimeSec: 3_600 + round * 30,
  };
}

async function measureCockpit(stack: BenchStack, key: string, s: MetricsSizes) {
  // One upgrade at a time: parallel upgrades with one key are refused as replays today (see docs/benchmarks.md).
  const pools: Pool[] = [];
  for (let i = 0; i < s.agents; i++) pools.push(await connectPool({ wsUrl: stack.wsUrl, key, count: 1, idPrefix: `metrics-agent-${i}` }));
  const pool = { agents: pools.flatMap((p, i) => p.agents.map((a) => ({ ...a, index: i }))), close: () => Promise.all(pools.map((p) => p.close())) };
  const db = openDb(stack.dbPath);
  const expected = s.agents * s.rounds;
  const stored = () => countRows(db, "SELECT count(*) FROM cockpit_agent_metrics WHERE agent_id LIKE 'metrics-agent-%'");
  try {
    await until(
      async () => (await countRows(db, "SELECT count(*) FROM cockpit_agents WHERE connected = 1 AND id LIKE 'metrics-agent-%'")) >= s.agents,
      60_000,
      100,
    );
    const start = nowMs();
    for (let round = 0; round < s.rounds; round++) {
      for (const agent of pool.agents) agent.send(sample(agent.index, round));
      await new Promise((r) => setImmediate(r));
    }
    await until(async () => (await stored()) >= expected, 300_000, 50);
    const elapsedMs = nowMs() - start;
    const hourly = await countRows(db, "SELECT count(*) FROM cockpit_agent_metrics_hourly WHERE agent_id LIKE 'metrics-agent-%'");
    return { perSecond: expected / (elapsedMs / 1000), persisted: await stored(), expected, hourly, elapsedMs };
  } finally {
    db.close();
    await pool.close();
  }
}

const INSERT = `INSERT INTO cockpit_agent_metrics (agent_id, at, cpu_percent, load1, mem_used_percent, disk_used_percent, disk_free_bytes,
  battery_percent, on_battery, agent_rss_bytes, system_uptime_sec, disks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The same raw rows inserted straight through @libsql/client, 200 per transaction (no rollup, no threshold check). */
async function measureBaseline(s: MetricsSizes): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "cockpit-bench-metrics-"));
  const db = openDb(join(dir, "base.db"));
  try {
    await migrateDb(db);
    const start = nowMs();
    let batch: InStatement[] = [];
    for (let round = 0; round < s.rounds; round++) {
      for (let a = 0; a < s.agents; a++) {
        const m = sample(a, round);
        batch.push({
          sql: INSERT,
          args: [`metrics-agent-${a}`, Date.now(), m.cpuPercent, 1.5, 62.5, 60, 200e9, m.battery.percent, 1, m.agentRssBytes, 86_400, JSON.stringify(m.disks)],
        });
        if (batch.length === 200) {
          await db.batch(batch, "write");
          batch = [];
        }
      }
    }
    if (batch.length > 0) await db.batch(batch, "write");
    return (s.agents * s.rounds) / ((nowMs() - start) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What storing health samples from `agents` agents costs: samples/s through hub, bridge and web, all persisted. */
export async function benchMetrics(stack: BenchStack, sizes: MetricsSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const key = await stack.createKey("agent");
  const baseline = await measureBaseline(sizes);
  const cockpit = await measureCockpit(stack, key, sizes);
  const lost = cockpit.expected - cockpit.persisted;
  // One sample per agent every 30 s is the load a fleet of this size puts on the web.
  const needed = sizes.agents / 30;
  return {
    rows: [
      row({
        section: "metrics",
        metric: `${sizes.agents} agents × ${sizes.rounds} agent-metrics samples`,
        value: cockpit.perSecond,
        unit: "samples/s",
        baseline,
        baselineLabel: "direct batched inserts (no rollup)",
        direction: "higher-is-better",
        goal: `≥ ${Math.ceil(needed * 10)}/s (10× one sample per agent per 30 s)`,
        meetsGoal: lost === 0 && cockpit.perSecond >= needed * 10,
        note: `${cockpit.persisted}/${cockpit.expected} samples stored (${lost} lost), ${cockpit.hourly} hourly rows, in ${Math.round(cockpit.elapsedMs)} ms`,
      }),
    ],
    detail: { cockpit, baseline },
  };
}
