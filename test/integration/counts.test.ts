import { createClient, type Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { alertCounts, taskCountsByStatus } from "@/lib/db/queries/counts";

const dir = mkdtempSync(join(tmpdir(), "cockpit-counts-"));
let client: Client;
let db: ReturnType<typeof drizzle<typeof schema>>;

beforeAll(async () => {
  client = createClient({ url: `file:${join(dir, "counts.db")}` });
  db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: join(import.meta.dirname, "../../drizzle") });
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function truthByStatus(): Promise<Record<string, number>> {
  const rows = await db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM cockpit_tasks GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe("trigger-kept counts", () => {
  it("follow task inserts, status changes and deletes exactly", async () => {
    const now = Date.now();
    await db
      .insert(schema.tasks)
      .values(Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, title: "t", executor: "x", createdAt: now + i, updatedAt: now })));
    await db.run(sql`UPDATE cockpit_tasks SET status = 'running' WHERE id IN ('t1','t2','t3','t4')`);
    await db.run(sql`UPDATE cockpit_tasks SET status = 'completed' WHERE id IN ('t1','t2')`);
    await db.run(sql`UPDATE cockpit_tasks SET status = 'completed' WHERE id = 't1'`); // no change: no double count
    await db.run(sql`UPDATE cockpit_tasks SET title = 'renamed' WHERE id = 't5'`); // other column: no change
    await db.run(sql`DELETE FROM cockpit_tasks WHERE id IN ('t3', 't10')`);
    expect(await taskCountsByStatus(db)).toEqual(await truthByStatus());
    expect(await taskCountsByStatus(db)).toEqual({ pending: 45, running: 1, completed: 2 });
  });

  it("follow alert inserts, acknowledgements and severity changes exactly", async () => {
    const now = Date.now();
    await db
      .insert(schema.alerts)
      .values(Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, severity: ["critical", "warning", "info"][i % 3]!, title: "a", createdAt: now + i })));
    await db.run(sql`UPDATE cockpit_alerts SET acknowledged = 1 WHERE id IN ('a0', 'a3', 'a1')`);
    await db.run(sql`UPDATE cockpit_alerts SET severity = 'critical' WHERE id = 'a2'`);
    await db.run(sql`DELETE FROM cockpit_alerts WHERE id = 'a4'`);
    const truth = await db.all<{ severity: string; acknowledged: number; n: number }>(
      sql`SELECT severity, acknowledged, count(*) AS n FROM cockpit_alerts GROUP BY severity, acknowledged`,
    );
    const kept = (await alertCounts(db)).filter((c) => c.n > 0);
    expect(kept.map((c) => `${c.severity}:${c.acknowledged}:${c.n}`).sort()).toEqual(truth.map((t) => `${t.severity}:${t.acknowledged === 1}:${t.n}`).sort());
  });
});
