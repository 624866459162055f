import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { assignPendingTasks } from "@/lib/tasks/dispatch";

const dir = mkdtempSync(join(tmpdir(), "cockpit-claims-"));
const url = `file:${join(dir, "claims.db")}`;
const clients: Client[] = [];

/** A separate connection per simulated web process, all on one libSQL file. */
async function connection() {
  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA busy_timeout = 10000");
  clients.push(client);
  return drizzle(client, { schema });
}

beforeAll(async () => {
  const db = await connection();
  await migrate(db, { migrationsFolder: join(import.meta.dirname, "../../drizzle") });
  const now = Date.now();
  await db
    .insert(schema.agents)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        id: `agent-${i}`,
        status: "online",
        connected: true,
        capabilities: i % 2 ? ["gpu"] : [],
        maxConcurrency: 1 + (i % 3),
        lastSeenAt: now,
      })),
    );
  await db.insert(schema.tasks).values(
    Array.from({ length: 300 }, (_, i) => ({
      id: `task-${String(i).padStart(3, "0")}`,
      title: `t${i}`,
      executor: "shell",
      status: "pending",
      requires: i % 5 === 0 ? ["gpu"] : [],
      createdAt: now + i,
      updatedAt: now + i,
    })),
  );
});

afterAll(() => {
  for (const c of clients) c.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("claims under concurrency", () => {
  it("never gives one task to two agents, nor an agent more than its maxConcurrency", async () => {
    const dbs = await Promise.all(Array.from({ length: 8 }, () => connection()));
    // Eight "processes" race, three rounds each, all at once.
    const results = await Promise.all(dbs.flatMap((db) => [assignPendingTasks(db), assignPendingTasks(db), assignPendingTasks(db)]));
    const deliveries = results.flatMap((r) => r.deliveries);
    const taskIds = deliveries.map((d) => d.taskId);
    expect(new Set(taskIds).size).toBe(taskIds.length);

    const capacity = Array.from({ length: 20 }, (_, i) => 1 + (i % 3)).reduce((a, b) => a + b, 0);
    expect(deliveries.length).toBe(capacity);

    const db = dbs[0]!;
    const rows = await db.select().from(schema.tasks);
    const assigned = rows.filter((t) => t.status === "assigned");
    expect(assigned.length).toBe(deliveries.length);
    for (let i = 0; i < 20; i++) {
      const held = assigned.filter((t) => t.assignedAgentId === `agent-${i}`);
      expect(held.length).toBe(1 + (i % 3));
      if (i % 2 === 0) expect(held.every((t) => t.requires.length === 0)).toBe(true);
    }
    const attempts = await db.select().from(schema.taskAttempts);
    expect(attempts.length).toBe(deliveries.length);
  });
});
