import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { desc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { openFileReader } from "@/lib/db/reader";
import * as schema from "@/lib/db/schema";
import { listTaskPage, type TaskPageQuery } from "@/lib/tasks/list";

/**
 * The REST lists read through their own driver (lib/db/reader.ts: rows as arrays, not @libsql/client's row objects).
 * Whatever a row holds, a page read there must equal the same page read through the main connection.
 */

let dir: string;
let client: Client;
let main: Db;
let reader: ReturnType<typeof openFileReader>;

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const time = fc.integer({ min: 1, max: 4_000_000_000_000 });
const taskRow = fc.record({
  title: fc.string({ minLength: 1, maxLength: 30 }),
  executor: fc.constantFrom("shell", "claude-code", "codex"),
  payload: maybe(fc.jsonValue({ maxDepth: 3 })),
  status: fc.constantFrom("pending", "assigned", "running", "completed", "failed", "cancelled"),
  priority: fc.constantFrom("urgent", "high", "medium", "low"),
  requires: fc.array(word, { maxLength: 3 }),
  assignedAgentId: maybe(word),
  attempt: fc.integer({ min: 0, max: 5 }),
  result: maybe(fc.jsonValue({ maxDepth: 2 })),
  error: maybe(fc.string({ maxLength: 40 })),
  createdBy: maybe(fc.string({ maxLength: 12 })),
  dependsOn: fc.array(word, { maxLength: 2 }),
  idempotent: fc.boolean(),
  timeoutMs: maybe(fc.integer({ min: 1, max: 86_400_000 })),
  expiresAt: maybe(time),
  createdAt: time,
  updatedAt: time,
  completedAt: maybe(time),
  durationMs: fc.integer({ min: 0, max: 2 ** 40 }),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cockpit-reader-"));
  client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
  await client.execute("PRAGMA journal_mode = WAL");
  main = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client, { schema }), { migrationsFolder: "drizzle" });
  const rows = fc.sample(taskRow, { numRuns: 120, seed: 42 }).map((t, i) => ({ ...t, id: `task-${i}`, logs: `log of ${i}` }));
  await main.insert(schema.tasks).values(rows);
  await main.insert(schema.alerts).values(
    fc
      .sample(
        fc.record({
          severity: fc.constantFrom("info", "warning", "critical"),
          title: fc.string({ minLength: 1 }),
          acknowledged: fc.boolean(),
          createdAt: time,
          updatedAt: time,
          metadata: maybe(fc.jsonValue({ maxDepth: 2 })),
        }),
        { numRuns: 40, seed: 7 },
      )
      .map((a, i) => ({ ...a, id: `alert-${i}` })),
  );
  reader = openFileReader(join(dir, "db.sqlite"), 5_000);
});

afterAll(() => {
  reader?.close();
  client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const query = (q: Partial<TaskPageQuery>): TaskPageQuery => ({ sort: "created", order: "desc", limit: 25, ...q });

it("reads every task page, filter and sort exactly as the main connection does", async () => {
  const queries = [
    query({}),
    query({ status: "completed" }),
    query({ sort: "priority", order: "asc", limit: 10 }),
    query({ sort: "duration", limit: 7 }),
    query({ executor: "codex", limit: 50 }),
    query({ search: "a" }),
  ];
  for (const q of queries) {
    const expected = await listTaskPage(main, q);
    expect(expected.rows.length, JSON.stringify(q)).toBeGreaterThan(0);
    expect(await listTaskPage(reader.db, q), JSON.stringify(q)).toEqual(expected);
    // The next page too, through the cursor the first one handed out.
    if (expected.next) expect(await listTaskPage(reader.db, { ...q, after: expected.next })).toEqual(await listTaskPage(main, { ...q, after: expected.next }));
  }
});

it("reads alerts (booleans, JSON, timestamps) as the main connection does", async () => {
  const read = (db: Db) => db.select().from(schema.alerts).orderBy(desc(schema.alerts.createdAt), desc(schema.alerts.id));
  const expected = await read(main);
  expect(expected).toHaveLength(40);
  expect(await read(reader.db)).toEqual(expected);
});

it("is read-only", async () => {
  const refused = await Promise.resolve()
    .then(() => reader.db.insert(schema.alerts).values({ id: "x", severity: "info", title: "x", createdAt: 1, lastSeenAt: 1 }))
    .then(
      () => null,
      (error: unknown) => error as Error,
    );
  // A failure names its query (DrizzleQueryError); SQLite's refusal is its cause.
  expect(String(refused?.cause)).toMatch(/readonly|query_only|attempt to write/i);
});
