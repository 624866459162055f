import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { encodeCursor } from "@/lib/http/paging";
import { listTaskPage, taskWalk } from "@/lib/tasks/list";
import { decodeTaskCursor, encodeTaskCursor, type TaskCursor } from "@/lib/tasks/list-cursor";
import { SORT_ORDERS, TASK_SORTS, compareInList, rangeText, type SortOrder, type TaskSort } from "@/lib/tasks/list-order";
import { pageCursors } from "@/lib/tasks/list-query";
import { pageLabels, sortHref, taskListHref } from "@/lib/dashboard/task-list-href";
import { formatAgoPrecise } from "@/lib/dashboard/duration";

/** Sorting and two-way keyset paging of the tasks list, against a real migrated SQLite database. */

const STATUSES = ["pending", "running", "completed", "failed"] as const;
const PRIORITIES = ["urgent", "high", "medium", "low"] as const;
const T0 = 1_800_000_000_000;
let client: Client;
let db: ReturnType<typeof drizzle<typeof schema>>;

beforeAll(async () => {
  client = createClient({ url: ":memory:" });
  db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: "drizzle" });
  // 137 tasks with many ties: equal created times, equal durations, four priorities, unfinished runs.
  const rows = Array.from({ length: 137 }, (_, i) => {
    const created = T0 + Math.floor(i / 3) * 1000;
    const status = STATUSES[i % 4]!;
    const finished = status === "completed" || status === "failed";
    const started = status === "pending" ? null : created + 500;
    return [
      `t${String((i * 7919) % 1000).padStart(3, "0")}`,
      status,
      PRIORITIES[(i * 5) % 4]!,
      (i * 5) % 4,
      created,
      started,
      finished ? started! + (i % 5) * 100 : null,
    ];
  });
  await client.batch(
    rows.map((args) => ({
      sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, priority_rank, created_at, updated_at, started_at, completed_at) VALUES (?, 'task', 'shell', ?, ?, ?, ?, ?, ?, ?)",
      args: [args[0]!, args[1]!, args[2]!, args[3]!, args[4]!, args[4]!, args[5] ?? null, args[6] ?? null],
    })),
    "write",
  );
});
afterAll(() => client?.close());

/** Every page, following nextCursor from the first page; then every page back again following prevCursor. */
async function walkBothWays(sort: TaskSort, order: SortOrder, limit: number, status?: (typeof STATUSES)[number]) {
  const forward: { ids: string[]; start: number | null }[] = [];
  let page = await listTaskPage(db, { sort, order, limit, status });
  forward.push({ ids: page.rows.map((r) => r.id), start: page.start });
  while (page.next) {
    const after = decodeTaskCursor(encodeTaskCursor(page.next), sort, "after");
    page = await listTaskPage(db, { sort, order, limit, status, after });
    forward.push({ ids: page.rows.map((r) => r.id), start: page.start });
  }
  const backward: { ids: string[]; start: number | null }[] = [];
  while (page.prev) {
    page = await listTaskPage(db, { sort, order, limit, status, before: page.prev });
    backward.unshift({ ids: page.rows.map((r) => r.id), start: page.start });
  }
  return { forward, backward, total: page.total };
}

describe("tasks list sort and keyset pages", () => {
  it("pages through every sort both ways: each row once, in list order, with the right positions", async () => {
    const all = (await client.execute("SELECT id, created_at, duration_ms, priority_rank, status FROM cockpit_tasks")).rows.map((r) => ({
      id: String(r.id),
      createdAt: Number(r.created_at),
      durationMs: Number(r.duration_ms),
      priorityRank: Number(r.priority_rank),
      status: String(r.status),
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TASK_SORTS),
        fc.constantFrom(...SORT_ORDERS),
        fc.integer({ min: 9, max: 60 }),
        fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
        async (sort, order, limit, status) => {
          const expected = all.filter((t) => !status || t.status === status).sort((a, b) => compareInList(sort, order, a, b));
          const { forward, backward, total } = await walkBothWays(sort, order, limit, status);
          expect(total).toBe(expected.length);
          expect(forward.flatMap((p) => p.ids)).toEqual(expected.map((t) => t.id));
          expect(forward.map((p) => p.start)).toEqual(forward.map((_, i) => i * limit + 1));
          // Walking back from the last page lands on the same pages (except the last, reached forwards).
          expect(backward).toEqual(forward.slice(0, -1));
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);

  it("never reads a task's logs for a list (up to 512 KiB a row, shown only on the task's own page)", () => {
    const { sql } = taskWalk(db, {}, "created", true, undefined, 51).toSQL();
    expect(sql).toContain('"title"');
    expect(sql).not.toContain('"logs"');
  });

  it("walks an index in order for every sort and direction, unfiltered or by status: no table scan, no sort step", async () => {
    const boundary: TaskCursor = { sort: "created", values: [T0 + 5000], id: "t500", position: 10 };
    for (const sort of TASK_SORTS) {
      for (const descending of [true, false]) {
        for (const status of [undefined, "completed" as const]) {
          for (const cursor of [undefined, { ...boundary, sort, values: sort === "priority" ? [1, T0 + 5000] : [T0 + 5000] }]) {
            const { sql, params } = taskWalk(db, { status }, sort, descending, cursor, 51).toSQL();
            const plan = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never[] })).rows.map((r) => String(r.detail));
            const where = `${sort} ${descending ? "desc" : "asc"} status=${status ?? "any"} cursor=${cursor ? "yes" : "no"}: ${plan.join(" | ")}`;
            expect(
              plan.some((d) => /USING (COVERING )?INDEX tasks_/.test(d)),
              where,
            ).toBe(true);
            expect(
              plan.some((d) => /TEMP B-TREE/.test(d) || /^SCAN cockpit_tasks$/.test(d)),
              where,
            ).toBe(false);
          }
        }
      }
    }
  });

  it("reads its own cursors and the older createdAt:id form, and refuses others with the parameter named", () => {
    const c: TaskCursor = { sort: "priority", values: [0, T0], id: "t1", position: 51 };
    expect(decodeTaskCursor(encodeTaskCursor(c), "priority", "after")).toEqual(c);
    expect(decodeTaskCursor(encodeCursor({ createdAt: T0, id: "old" }), "created", "cursor")).toEqual({
      sort: "created",
      values: [T0],
      id: "old",
      position: null,
    });
    const refused = (text: string, sort: TaskSort = "created") => {
      try {
        decodeTaskCursor(text, sort, "before");
        return null;
      } catch (e) {
        return e instanceof ApiError ? `${e.field}: ${e.message}` : String(e);
      }
    };
    expect(refused(encodeTaskCursor(c))).toBe("before: invalid query parameter before: it was made for sort=priority, not sort=created");
    expect(refused("garbage")).toMatch(/^before: .*not a cursor this API returned/);
    expect(refused(Buffer.from(JSON.stringify(["created", [1, 2], "x", 1])).toString("base64url"))).toMatch(/not a cursor/);
    expect(refused(Buffer.from(JSON.stringify(["created", [1.5], "x", 1])).toString("base64url"))).toMatch(/not a cursor/);
    expect(() => pageCursors("created", { after: "a", before: "b" })).toThrow(/give only one of after, before/);
    expect(pageCursors("created", { cursor: encodeTaskCursor({ ...c, sort: "created", values: [T0] }) }).after?.position).toBe(51);
  });

  it("says the range shown and marks capped totals", () => {
    expect(rangeText(51, 50, 2060, true)).toBe("51–100 of 2,060");
    expect(rangeText(1, 3, 10_000, false)).toBe("1–3 of 10,000+");
    expect(rangeText(null, 50, 2060, true)).toBe("50 of 2,060");
    expect(rangeText(null, 0, 0, true)).toBe("0 of 0");
  });
});

describe("tasks table links and times", () => {
  it("keeps defaults out of links, flips a sorted column, and names pages by the sort", () => {
    expect(taskListHref({ sort: "created", order: "desc", limit: 50, status: "failed" })).toBe("/tasks?status=failed");
    expect(sortHref({ status: "failed", after: "abc" }, "created")).toBe("/tasks?status=failed&order=asc");
    expect(sortHref({ sort: "duration", order: "asc", limit: 100 }, "duration")).toBe("/tasks?sort=duration&limit=100");
    expect(sortHref({ sort: "duration" }, "priority")).toBe("/tasks?sort=priority");
    expect(pageLabels("created", "desc")).toEqual({ prev: "Newer", next: "Older" });
    expect(pageLabels("created", "asc")).toEqual({ prev: "Older", next: "Newer" });
    expect(pageLabels("priority", "desc")).toEqual({ prev: "Previous", next: "Next" });
  });

  it("tells apart times a few seconds apart, in two units", () => {
    const at = Date.parse("2026-11-27T12:00:00Z");
    const ago = (s: number) => formatAgoPrecise(new Date(at - s * 1000).toISOString(), at);
    expect([3, 59, 60, 754, 761, 3600, 18_720, 90_000, 3 * 86_400].map(ago)).toEqual([
      "3 s ago",
      "59 s ago",
      "1 min ago",
      "12 min 34 s ago",
      "12 min 41 s ago",
      "1 h ago",
      "5 h 12 min ago",
      "1 d 1 h ago",
      "3 d ago",
    ]);
  });
});
