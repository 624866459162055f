import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import type { Db, RootDb } from "@/lib/db/client";
import { localDatabase, migrateLocalDatabase } from "@/lib/db/local-session";
import * as schema from "@/lib/db/schema";
import { cachePreparedStatements } from "@/lib/db/statement-cache";
import { markRunning } from "@/lib/tasks/lifecycle";
import { listTaskEvents, getTask } from "@/lib/tasks/store";
import { claimTask } from "@/lib/tasks/store-claim";
import { insertTask, type NewTask } from "@/lib/tasks/store-create";

/**
 * The task engine's queries are built once and bound with new values (lib/db/prepared.ts). On both drivers the web
 * uses — its own local session and @libsql/client (a remote database) — each run must bind its own values, and a
 * null must be stored as NULL, not as the JSON text 'null' (the claim's repository gate tests `requires_repo IS NULL`).
 */

const folder = () => mkdtempSync(join(tmpdir(), "prepared-"));
const migrations = join(process.cwd(), "drizzle");

async function openLocal(): Promise<RootDb> {
  cachePreparedStatements();
  const connection = new Database(join(folder(), "db.sqlite"));
  const db = localDatabase<RootDb>(connection);
  await migrateLocalDatabase(db, migrations);
  return db;
}

async function openClient(): Promise<RootDb> {
  const db = drizzle(createClient({ url: `file:${join(folder(), "db.sqlite")}` }), { schema });
  await migrate(db, { migrationsFolder: migrations });
  return db;
}

const task = (id: string, extra: Partial<NewTask> = {}): NewTask => ({
  id,
  title: `title ${id}`,
  executor: "shell",
  payload: { n: id },
  priority: "medium",
  requires: [],
  maxAttempts: 1,
  createdBy: "test",
  ...extra,
});

describe.each([
  ["local session", openLocal],
  ["@libsql/client", openClient],
])("prepared task queries on %s", (_name, open) => {
  it("bind each run's own values, inside and outside transactions, and keep nulls NULL", async () => {
    const db: Db = await open();
    for (const id of ["a", "b", "c"]) expect(await insertTask(db, task(id, { priority: id === "c" ? "urgent" : "medium" }))).toMatchObject({ id, status: "pending" });
    expect(await insertTask(db, task("a"))).toBe("duplicate");
    const stored = await db.all<{ id: string; payload: string | null; requires_repo: string | null; target_agent_id: string | null }>(
      sql`SELECT id, payload, requires_repo, target_agent_id FROM cockpit_tasks ORDER BY id`,
    );
    expect(stored).toEqual([
      { id: "a", payload: '{"n":"a"}', requires_repo: null, target_agent_id: null },
      { id: "b", payload: '{"n":"b"}', requires_repo: null, target_agent_id: null },
      { id: "c", payload: '{"n":"c"}', requires_repo: null, target_agent_id: null },
    ]);
    // Urgent first, then by age; each claim binds its own agent and capacity.
    const now = Date.now() + 1;
    const first = await claimTask(db, { agentId: "agent-1", capabilities: [], maxConcurrency: 1, now });
    const refused = await claimTask(db, { agentId: "agent-1", capabilities: [], maxConcurrency: 1, now });
    const second = await db.transaction((tx) => claimTask(tx, { agentId: "agent-2", capabilities: [], maxConcurrency: 2, now }));
    expect([first?.id, first?.assignedAgentId, refused, second?.id, second?.assignedAgentId]).toEqual(["c", "agent-1", null, "a", "agent-2"]);
    const running = await markRunning(db, { taskId: "a", agentId: "agent-2", how: "accepted", attempt: 1, now: now + 5 });
    expect(running).toMatchObject({ id: "a", status: "running", startedAt: now + 5 });
    expect(await markRunning(db, { taskId: "b", agentId: "agent-2", how: "accepted", now })).toBeNull();
    expect((await getTask(db, { id: "b" }))?.status).toBe("pending");
    expect((await listTaskEvents(db, { taskId: "a" })).map((e) => [e.type, e.fromStatus, e.toStatus, e.agentId])).toEqual([
      ["created", null, "pending", null],
      ["assigned", "pending", "assigned", "agent-2"],
      ["accepted", "assigned", "running", "agent-2"],
    ]);
  });
});
