import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { countClaimable } from "@/lib/tasks/store-claim";
import { listBlockedByDependency, listFanOutProgress, listHeldByLostAgents, listOverdue } from "@/lib/tasks/store-due";

/**
 * The queries every dispatch round and every sweep tick run, against a real migrated database: each reads only the
 * entries of the index it names (INDEXED BY fails loudly if a migration lost it), and still finds exactly what it must.
 */

const NOW = 1_800_000_000_000;
const GRACES = { lostAgentGraceMs: 60_000, silentAgentGraceMs: 600_000, crashedAgentGraceMs: 0 };
let client: Client;
let db: Db;

type TaskSeed = Partial<typeof schema.tasks.$inferInsert> & { id: string };
const task = (t: TaskSeed) => ({ title: t.id, executor: "shell", createdAt: NOW - 3_600_000, updatedAt: NOW - 3_600_000, ...t });

beforeAll(async () => {
  client = createClient({ url: ":memory:" });
  db = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client, { schema }), { migrationsFolder: "drizzle" });
  const agent = (id: string, connected: boolean, presence: string, disconnectedAt: number | null) => ({
    id,
    status: connected ? "online" : "offline",
    connected,
    presence,
    disconnectedAt,
    lastSeenAt: NOW - 3_600_000,
  });
  await db
    .insert(schema.agents)
    .values([
      agent("here", true, "online", null),
      agent("crashed", false, "crashed", NOW - 1_000),
      agent("asleep-long", false, "asleep", NOW - 700_000),
      agent("asleep-short", false, "asleep", NOW - 100_000),
      agent("stopped", false, "stopped", NOW - 30_000),
    ]);
  await db.insert(schema.tasks).values([
    // Claimable: pending ordinary tasks whose backoff has passed.
    ...Array.from({ length: 7 }, (_, i) => task({ id: `ready-${i}` })),
    task({ id: "backing-off", availableAt: NOW + 60_000 }),
    task({ id: "fan-parent", kind: "fan-out", status: "running" }),
    task({ id: "fan-child-ok", parentId: "fan-parent", status: "completed" }),
    task({ id: "fan-child-bad", parentId: "fan-parent", status: "failed" }),
    task({ id: "fan-child-open", parentId: "fan-parent", status: "running", assignedAgentId: "here", startedAt: NOW - 1_000 }),
    // Runs: overdue, within its timeout, and without one.
    task({ id: "overdue", status: "running", assignedAgentId: "here", startedAt: NOW - 120_000, timeoutMs: 60_000 }),
    task({ id: "in-time", status: "running", assignedAgentId: "here", startedAt: NOW - 30_000, timeoutMs: 60_000 }),
    task({ id: "no-timeout", status: "running", assignedAgentId: "here", startedAt: NOW - 9_999_999 }),
    // Held by agents that left: a crashed one's go at once, a sleeper's after the silent grace, a stopped one's after the default.
    task({ id: "held-crashed", status: "running", assignedAgentId: "crashed", startedAt: NOW - 5_000 }),
    task({ id: "held-asleep-long", status: "assigned", assignedAgentId: "asleep-long", assignedAt: NOW - 800_000 }),
    task({ id: "held-asleep-short", status: "running", assignedAgentId: "asleep-short", startedAt: NOW - 200_000 }),
    task({ id: "held-stopped", status: "running", assignedAgentId: "stopped", startedAt: NOW - 40_000 }),
    task({ id: "done-by-crashed", status: "completed", assignedAgentId: "crashed" }),
    // Dependencies: one on a failed task, one on a completed one.
    task({ id: "dep-failed", status: "failed" }),
    task({ id: "waits-on-failed", dependsOn: ["dep-failed"] }),
    task({ id: "waits-on-ok", dependsOn: ["fan-child-ok"] }),
  ]);
});
afterAll(() => client.close());

it("counts the claimable queue up to the slots a round can fill, never the fan-out parents or tasks backing off", async () => {
  // ready-0..6 and the two with dependencies are pending, ordinary and available.
  expect(await countClaimable(db, { now: NOW, atMost: 1_000 })).toBe(9);
  expect(await countClaimable(db, { now: NOW, atMost: 4 })).toBe(4);
  expect(await countClaimable(db, { now: NOW + 120_000, atMost: 1_000 })).toBe(10);
});

it("finds exactly the runs past their timeout", async () => {
  expect((await listOverdue(db, { now: NOW })).map((t) => t.id)).toEqual(["overdue"]);
  expect((await listOverdue(db, { now: NOW + 31_000 })).map((t) => t.id).sort()).toEqual(["in-time", "overdue"]);
});

it("finds the tasks of agents gone longer than their state's grace, as full rows", async () => {
  const held = await listHeldByLostAgents(db, { now: NOW, graces: GRACES });
  expect(held.map((t) => t.id).sort()).toEqual(["held-asleep-long", "held-crashed"]);
  expect(held.find((t) => t.id === "held-crashed")).toMatchObject({ status: "running", assignedAgentId: "crashed", executor: "shell" });
  const later = await listHeldByLostAgents(db, { now: NOW + 60_000, graces: GRACES });
  expect(later.map((t) => t.id).sort()).toEqual(["held-asleep-long", "held-crashed", "held-stopped"]);
});

it("finds pending tasks blocked by a failed dependency and the fan-out parents' progress", async () => {
  expect(await listBlockedByDependency(db)).toEqual([{ id: "waits-on-failed", dep: "dep-failed", dep_status: "failed" }]);
  expect(await listFanOutProgress(db)).toEqual([{ id: "fan-parent", failed_child: "fan-child-bad", open_children: 2 }]);
});
