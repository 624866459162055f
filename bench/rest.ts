/** 3. REST reads: first page and a deep page of tasks and alerts as the tables grow, vs the same SQL run directly. */
import type { Client } from "@libsql/client";
import { countRows, migrateDb, openDb, seedAlerts, seedRepos, seedTasks } from "./lib/db";
import { createBenchStack, type BenchStack } from "./lib/stack";
import { nowMs, percentiles, row, type ResultRow } from "./lib/stats";

export type RestSizes = { rows: number[]; requests: number; repos: number };

type Target = {
  table: "tasks" | "alerts";
  path: string;
  sqlTable: string;
  where: string;
  args: (string | number)[];
};

const TARGETS: Target[] = [
  { table: "tasks", path: "/api/cockpit/tasks?status=completed&limit=50", sqlTable: "cockpit_tasks", where: "status = ?", args: ["completed"] },
  { table: "alerts", path: "/api/cockpit/alerts?acknowledged=false&limit=50", sqlTable: "cockpit_alerts", where: "acknowledged = ?", args: [0] },
];

/** The cursor the API would hand out after the row at 90 % depth of the filtered table. */
async function deepCursor(db: Client, t: Target): Promise<{ createdAt: number; id: string; depth: number }> {
  const n = await countRows(db, `SELECT count(*) FROM ${t.sqlTable} WHERE ${t.where}`, t.args);
  const depth = Math.floor(n * 0.9);
  const rs = await db.execute({
    sql: `SELECT created_at, id FROM ${t.sqlTable} WHERE ${t.where} ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?`,
    args: [...t.args, depth],
  });
  const r = rs.rows[0]!;
  return { createdAt: Number(r.created_at), id: String(r.id), depth };
}

async function timeRequests(count: number, run: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, count); i++) await run(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = nowMs();
    await run();
    out.push(nowMs() - t0);
  }
  return out;
}

/** GET /api/cockpit/analytics over the rollups (kept by triggers as the seed went in), vs the three reads run directly. */
async function measureAnalytics(stack: BenchStack, db: Client, n: number, requests: number, isLargest: boolean): Promise<ResultRow> {
  const to = Date.now() + 3600_000;
  const from = to - 30 * 24 * 3600_000;
  const url = `/api/cockpit/analytics?bucket=day&by=executor&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
  const api = percentiles(
    await timeRequests(requests, async () => {
      const res = await stack.api(url).catch(() => stack.api(url));
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }),
  );
  const direct = percentiles(
    await timeRequests(requests, async () => {
      for (const table of ["cockpit_task_rollups", "cockpit_task_histograms", "cockpit_task_failure_reasons"]) {
        await db.execute({ sql: `SELECT * FROM ${table} WHERE dim = 'executor' AND bucket >= ? AND bucket < ?`, args: [from, to] });
      }
    }),
  );
  return row({
    section: "rest",
    metric: `analytics ${n.toLocaleString("en-US")} tasks, 30 days by executor: p99`,
    value: api.p99,
    unit: "ms",
    baseline: direct.p99,
    baselineLabel: "rollup reads direct",
    direction: "lower-is-better",
    goal: isLargest ? "≤ 50 ms" : undefined,
    meetsGoal: isLargest ? api.p99 <= 50 : undefined,
    note: `p50 ${api.p50.toFixed(2)} ms (direct ${direct.p50.toFixed(2)} ms); reads rollups, never the tasks table`,
  });
}

async function measureAt(stack: BenchStack, db: Client, n: number, requests: number, isLargest: boolean): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  if (requests > 0) rows.push(await measureAnalytics(stack, db, n, requests, isLargest));
  for (const t of TARGETS) {
    const cursor = await deepCursor(db, t);
    const encoded = Buffer.from(`${cursor.createdAt}:${cursor.id}`).toString("base64url");
    const pages = [
      { name: "first page", url: t.path, keyset: "", keysetArgs: [] as (string | number)[] },
      {
        name: `deep page (row ${cursor.depth.toLocaleString("en-US")})`,
        url: `${t.path}&cursor=${encoded}`,
        keyset: " AND (created_at, id) < (?, ?)",
        keysetArgs: [cursor.createdAt, cursor.id],
      },
    ];
    const firstP99: number[] = [];
    for (const page of pages) {
      const api = percentiles(
        await timeRequests(requests, async () => {
          // A GET after an idle pause may land on a keep-alive socket the server just closed: retry that once.
          const res = await stack.api(page.url).catch(() => stack.api(page.url));
          if (res.status !== 200) throw new Error(`${page.url}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }),
      );
      // The route's two statements, straight through @libsql/client: the page (limit + 1) and the total.
      const direct = percentiles(
        await timeRequests(requests, async () => {
          await db.execute({
            sql: `SELECT * FROM ${t.sqlTable} WHERE ${t.where}${page.keyset} ORDER BY created_at DESC, id DESC LIMIT 51`,
            args: [...t.args, ...page.keysetArgs],
          });
          await db.execute({ sql: `SELECT count(*) FROM ${t.sqlTable} WHERE ${t.where}`, args: t.args });
        }),
      );
      const isDeep = firstP99.length > 0;
      firstP99.push(api.p99);
      const deepOk = !isDeep || api.p99 <= 2 * firstP99[0]!;
      rows.push(
        row({
          section: "rest",
          metric: `${t.table} ${n.toLocaleString("en-US")} rows, ${page.name}: p99`,
          value: api.p99,
          unit: "ms",
          baseline: direct.p99,
          baselineLabel: "same SQL direct",
          direction: "lower-is-better",
          goal: isLargest ? (isDeep ? "≤ 10 ms, ≤ 2× first page" : "≤ 10 ms") : undefined,
          meetsGoal: isLargest ? api.p99 <= 10 && deepOk : undefined,
          note: `p50 ${api.p50.toFixed(2)} ms (direct ${direct.p50.toFixed(2)} ms)${isDeep ? `; deep/first p99 ${(api.p99 / firstP99[0]!).toFixed(2)}×` : ""}`,
        }),
      );
    }
  }
  return rows;
}

/**
 * Seeds tasks and alerts up to each size with the web stopped, then measures. `atFirstSize` runs once the first
 * size is in place (the page bench uses it: 10k tasks, 10k alerts and the repos).
 */
export async function benchRest(sizes: RestSizes, atFirstSize: (stack: BenchStack) => Promise<ResultRow[]>): Promise<{ rows: ResultRow[]; detail: unknown }> {
  // The web runs as configured, sweep included: its dependency query once took 3.9 s per run at 100k tasks and
  // froze the read path; with the join order pinned it costs milliseconds, so it stays on.
  const stack = await createBenchStack();
  const db = openDb(stack.dbPath);
  const rows: ResultRow[] = [];
  const seedMs: Record<string, number> = {};
  try {
    await migrateDb(db);
    await seedRepos(db, sizes.repos);
    let have = 0;
    for (const [i, n] of sizes.rows.entries()) {
      const t0 = nowMs();
      await seedTasks(db, have, n);
      await seedAlerts(db, have, n);
      await db.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      seedMs[n] = nowMs() - t0;
      have = n;
      await stack.startWeb();
      if (i === 0) rows.push(...(await atFirstSize(stack)));
      rows.push(...(await measureAt(stack, db, n, sizes.requests, i === sizes.rows.length - 1)));
      await stack.stopWeb();
    }
  } finally {
    db.close();
    await stack.stop();
  }
  return { rows, detail: { seedMs } };
}
