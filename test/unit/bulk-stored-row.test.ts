import { createClient, type Client } from "@libsql/client";
import { inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { change } from "@/lib/db/serialize";
import { insertPendingTasks, storedPendingRow } from "@/lib/tasks/store-bulk-sql";
import type { NewTask } from "@/lib/tasks/store-create";

/** Bulk creates publish rows built from what they inserted: each must be the row SQLite stored, column for column. */

let client: Client;
let db: Db;

beforeAll(async () => {
  client = createClient({ url: ":memory:" });
  db = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client, { schema }), { migrationsFolder: "drizzle" });
});
afterAll(() => client.close());

const word = fc.stringMatching(/^[a-z][a-z0-9:-]{0,11}$/);
const newTask = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 40 }),
    executor: word,
    payload: fc.jsonValue({ maxDepth: 3 }),
    priority: fc.constantFrom("urgent", "high", "medium", "low"),
    requires: fc.array(word, { maxLength: 3 }),
    targetAgentId: word,
    maxAttempts: fc.integer({ min: 1, max: 10 }),
    idempotent: fc.boolean(),
    createdBy: fc.string({ maxLength: 20 }),
    timeoutMs: fc.integer({ min: 1, max: 86_400_000 }),
    queueTimeoutMs: fc.integer({ min: 1, max: 86_400_000 }),
    dependsOn: fc.array(word, { maxLength: 3 }),
    requiresRepo: fc.record({ repo: word, clean: fc.boolean(), branch: word, upToDate: fc.boolean() }, { requiredKeys: ["repo"] }),
  },
  { requiredKeys: ["title", "executor", "priority", "requires", "maxAttempts", "createdBy"] },
) as fc.Arbitrary<Omit<NewTask, "id">>;

let serial = 0;

it("the row built for a bulk-created task equals the row read back, and so does its change frame", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(newTask, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 4_000_000_000_000 }), async (inputs, now) => {
      // As a request body parses: plain objects, no undefined members.
      const items = inputs.map((t) => ({ ...(JSON.parse(JSON.stringify(t)) as typeof t), id: `row-${serial++}` }));
      const created = await insertPendingTasks(db, items, now);
      expect(created.size).toBe(items.length);
      const stored = await db
        .select()
        .from(schema.tasks)
        .where(
          inArray(
            schema.tasks.id,
            items.map((i) => i.id),
          ),
        );
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const item of items) {
        const built = storedPendingRow(item, now);
        expect(built).toStrictEqual(byId.get(item.id));
        expect(JSON.stringify(change.task(built))).toBe(JSON.stringify(change.task(byId.get(item.id)!)));
      }
    }),
    { numRuns: 60 },
  );
});
