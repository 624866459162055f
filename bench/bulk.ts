/** 7. Bulk creates: POST /api/cockpit/tasks/bulk, 1,000 tasks a request, vs the same rows inserted directly. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InStatement } from "@libsql/client";
import { countRows, migrateDb, openDb } from "./lib/db";
import { connectPool, type HubFrame } from "./lib/agent-pool";
import { groupCpuMs, type BenchStack } from "./lib/stack";
import { nowMs, row, until, type ResultRow } from "./lib/stats";

export type BulkSizes = { requests: number; perRequest: number };

const task = (prefix: string, i: number) => ({ id: `${prefix}-${i}`, title: `bulk task ${i}`, executor: "shell", payload: { n: i } });

/**
 * Sequential bulk requests (no agent connected, so this is the create path alone), timed until a dashboard has seen
 * every created task's change (the route answers before it publishes); every row counted after.
 */
async function measureCockpit(
  stack: BenchStack,
  sizes: BulkSizes,
): Promise<{ perSecond: number; created: number; counted: number; webCpuMsPer1000: number; hubCpuMsPer1000: number }> {
  // Warm-up: the first request loads and compiles the route (a profile showed module loading dominating 2 requests).
  const warm = await stack.api("/api/cockpit/tasks/bulk", {
    method: "POST",
    body: JSON.stringify({ tasks: Array.from({ length: sizes.perRequest }, (_, i) => task("bench-bulk-warmup", i)) }),
  });
  if (warm.status !== 201) throw new Error(`bulk warm-up answered ${warm.status}: ${(await warm.text()).slice(0, 300)}`);
  let published = 0;
  const onFrame = (_: unknown, frame: HubFrame) => {
    const id = frame.type === "change" && frame.entity === "task" ? (frame.data as { id?: string } | undefined)?.id : undefined;
    if (id?.startsWith("bench-bulk-") && !id.startsWith("bench-bulk-warmup-")) published++;
  };
  const dashboard = await connectPool({ wsUrl: stack.wsUrl, key: await stack.createKey("viewer"), count: 1, idPrefix: "bulk-dash", announce: false, onFrame });
  let created = 0;
  // CPU of each process group (all threads) over the timed requests: which side a shortfall is on.
  const webGroup = stack.webProc()!.child.pid!;
  const hubGroup = stack.hubProc().child.pid!;
  const cpuBefore = { web: groupCpuMs(webGroup), hub: groupCpuMs(hubGroup) };
  const t0 = nowMs();
  for (let r = 0; r < sizes.requests; r++) {
    const tasks = Array.from({ length: sizes.perRequest }, (_, i) => task(`bench-bulk-${r}`, i));
    const res = await stack.api("/api/cockpit/tasks/bulk", { method: "POST", body: JSON.stringify({ tasks }) });
    if (res.status !== 201) throw new Error(`bulk create answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    created += ((await res.json()) as { created: unknown[] }).created.length;
  }
  const allPublished = await until(() => published >= created, 60_000, 2);
  const seconds = (nowMs() - t0) / 1000;
  await dashboard.close();
  if (!allPublished) throw new Error(`bulk: a dashboard saw ${published} of ${created} created tasks within 60 s`);
  const perThousand = (group: number, before: number) => ((groupCpuMs(group) - before) / created) * 1000;
  const webCpuMsPer1000 = perThousand(webGroup, cpuBefore.web);
  const hubCpuMsPer1000 = perThousand(hubGroup, cpuBefore.hub);
  const db = openDb(stack.dbPath);
  try {
    const counted = await countRows(db, "SELECT count(*) FROM cockpit_tasks WHERE id LIKE 'bench-bulk-%' AND id NOT LIKE 'bench-bulk-warmup-%'");
    return { perSecond: created / seconds, created, counted, webCpuMsPer1000, hubCpuMsPer1000 };
  } finally {
    db.close();
  }
}

/** The floor: the same rows (task + its `created` event) through @libsql/client into the web's schema, one transaction a batch. */
async function measureBaseline(sizes: BulkSizes): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "cockpit-bench-bulk-"));
  const db = openDb(join(dir, "base.db"));
  try {
    await migrateDb(db);
    await db.execute("PRAGMA synchronous = NORMAL");
    const t0 = nowMs();
    for (let r = 0; r < sizes.requests; r++) {
      const now = Date.now();
      const statements: InStatement[] = [];
      for (let start = 0; start < sizes.perRequest; start += 500) {
        const part = Array.from({ length: Math.min(500, sizes.perRequest - start) }, (_, k) => task(`base-${r}`, start + k));
        statements.push({
          sql: `INSERT INTO cockpit_tasks (id, title, executor, payload, status, priority, priority_rank, created_by, created_at, updated_at) VALUES ${part.map(() => "(?, ?, ?, ?, 'pending', 'medium', 2, 'bench', ?, ?)").join(",")}`,
          args: part.flatMap((t) => [t.id, t.title, t.executor, JSON.stringify(t.payload), now, now]),
        });
        statements.push({
          sql: `INSERT INTO cockpit_task_events (task_id, type, to_status, message, created_at) VALUES ${part.map(() => "(?, 'created', 'pending', 'by bench', ?)").join(",")}`,
          args: part.flatMap((t) => [t.id, now]),
        });
      }
      await db.batch(statements, "write");
    }
    return (sizes.requests * sizes.perRequest) / ((nowMs() - t0) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBulk(stack: BenchStack, sizes: BulkSizes): Promise<{ rows: ResultRow[]; detail: unknown }> {
  const baseline = await measureBaseline(sizes);
  const cockpit = await measureCockpit(stack, sizes);
  const total = sizes.requests * sizes.perRequest;
  return {
    rows: [
      row({
        section: "bulk",
        metric: `${sizes.requests} × POST /tasks/bulk of ${sizes.perRequest.toLocaleString("en-US")}, until on a dashboard`,
        value: Math.round(cockpit.perSecond),
        unit: "tasks/s",
        baseline: Math.round(baseline),
        baselineLabel: "direct multi-row inserts",
        direction: "higher-is-better",
        goal: "≥ 20,000/s",
        meetsGoal: cockpit.perSecond >= 20_000 && cockpit.counted === total,
        note: `${cockpit.created} created, ${cockpit.counted} rows counted of ${total}; CPU per 1,000: web ${cockpit.webCpuMsPer1000.toFixed(0)} ms, hub ${cockpit.hubCpuMsPer1000.toFixed(0)} ms (all threads)`,
      }),
    ],
    detail: { cockpit, baseline },
  };
}
