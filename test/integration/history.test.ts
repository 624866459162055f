import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASK_EXTENSIONS, connectAgent, createTask, uid, waitForStatus } from "../helpers/api";
import { eventually, type RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

/** Logs that stay and task analytics, against one real hub and web. */

type LogPage = { attempt: number; chunks: { seq: number; chunk: string }[]; firstSeq: number; truncated: boolean; more: boolean };
type Stats = {
  created: number;
  completed: number;
  failed: number;
  timedOut: number;
  cancelled: number;
  successRate: number | null;
  duration: { p50: number | null; p95: number | null };
  queueWait: { p50: number | null; p95: number | null };
};
type Analytics = { groups: { key: string; totals: Stats; buckets: (Stats & { start: string })[]; topFailureReasons: { reason: string; count: number }[] }[] };

let stack: Stack;
let db: Client;
beforeAll(async () => {
  stack = await startStack();
  db = createClient({ url: `file:${stack.dbPath}` });
  await db.execute("PRAGMA busy_timeout = 5000");
});
afterAll(async () => {
  db?.close();
  await stack?.stop();
});

async function logs(id: string, query = ""): Promise<LogPage> {
  const res = await stack.api(`/api/cockpit/tasks/${id}/logs${query}`);
  if (res.status !== 200) throw new Error(`logs ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as LogPage;
}

/** A running task held by a fresh agent that speaks task-log. */
async function runningTask(): Promise<{ id: string; holder: RawAgent; holderId: string }> {
  const capability = uid("cap");
  const holderId = uid("holder");
  const holder = await connectAgent(stack, holderId, { capabilities: [capability], extensions: TASK_EXTENSIONS });
  const id = await createTask(stack, { title: uid("logs"), requires: [capability] });
  await holder.next((f) => f.type === "task" && f.taskId === id);
  holder.send({ type: "task-accepted", taskId: id });
  await waitForStatus(stack, id, "running");
  return { id, holder, holderId };
}

describe("logs that stay", () => {
  it("stores the holder's chunks once each, in seq order, so a page opened later reads the output so far and then resumes after a seq", async () => {
    const { id, holder } = await runningTask();
    const intruder = await connectAgent(stack, uid("intruder"), { extensions: TASK_EXTENSIONS });
    holder.send({ type: "task-log", taskId: id, seq: 1, chunk: "\u001b[32mcompiled\u001b[0m 12 files\n" });
    holder.send({ type: "task-log", taskId: id, seq: 0, chunk: "starting\n" });
    holder.send({ type: "task-log", taskId: id, seq: 1, chunk: "\u001b[32mcompiled\u001b[0m 12 files\n" }); // resent: kept once
    intruder.send({ type: "task-log", taskId: id, seq: 2, chunk: "INTRUDER WAS HERE\n" });
    await intruder.next((f) => f.type === "error" && f.message === "task-log refused");
    holder.send({ type: "task-log", taskId: id, seq: 2, chunk: "running tests\n" });

    const page = await eventually(async () => {
      const p = await logs(id);
      return p.chunks.length === 3 ? p : null;
    });
    expect(page).toMatchObject({ attempt: 1, firstSeq: 0, truncated: false, more: false });
    expect(page.chunks.map((c) => c.chunk).join("")).toBe("starting\n\u001b[32mcompiled\u001b[0m 12 files\nrunning tests\n");
    expect((await logs(id, "?after=1")).chunks).toEqual([{ seq: 2, chunk: "running tests\n" }]);

    const download = await stack.api(`/api/cockpit/tasks/${id}/logs?format=text`);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="task-.*-attempt-1\.log"$/);
    expect(await download.text()).toBe("starting\n\u001b[32mcompiled\u001b[0m 12 files\nrunning tests\n");
    intruder.close();
    holder.close();
  });

  it("keeps the last 1 MiB of an attempt and says the start was dropped", async () => {
    const { id, holder } = await runningTask();
    const chunk = (seq: number) => `${String(seq).padStart(4, "0")}${"x".repeat(60_000 - 5)}\n`;
    for (let seq = 0; seq < 20; seq++) holder.send({ type: "task-log", taskId: id, seq, chunk: chunk(seq) });
    const last = await eventually(async () => {
      const rows = await db.execute({ sql: "SELECT max(seq) AS last FROM cockpit_task_logs WHERE task_id = ?", args: [id] });
      return rows.rows[0]?.last === 19 ? true : null;
    });
    expect(last).toBe(true);
    let page = await logs(id);
    const seqs = [...page.chunks.map((c) => c.seq)];
    while (page.more) {
      page = await logs(id, `?after=${page.chunks.at(-1)!.seq}`);
      seqs.push(...page.chunks.map((c) => c.seq));
    }
    expect(page.truncated).toBe(true);
    // 20 × 60,000 bytes is over 1 MiB (1,048,576): the first three chunks go, seventeen (1,020,000 bytes) stay.
    expect(page.firstSeq).toBe(3);
    expect(seqs).toEqual(Array.from({ length: 17 }, (_, i) => i + 3));
    const text = await (await stack.api(`/api/cockpit/tasks/${id}/logs?format=text`)).text();
    expect(text.startsWith("[earlier output dropped")).toBe(true);
    expect(text).toContain(chunk(3));
    expect(text).not.toContain(chunk(2).slice(0, 4) + "x");
    holder.close();
  });

  it("names the wrong query field, and 404s an unknown task", async () => {
    const { id, holder } = await runningTask();
    const bad = await stack.api(`/api/cockpit/tasks/${id}/logs?after=soon`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("after");
    expect((await stack.api(`/api/cockpit/tasks/${id}/logs?attempt=0`)).status).toBe(400);
    expect((await stack.api(`/api/cockpit/tasks/${uid("missing")}/logs`)).status).toBe(404);
    holder.close();
  });
});

describe("task analytics", () => {
  // A past day no other test touches: 2025-03-04, UTC.
  const day = Date.UTC(2025, 2, 4);
  const hour = 3_600_000;
  type Seed = {
    executor: string;
    priority: string;
    agent: string;
    status: string;
    createdAt: number;
    startedAt: number | null;
    endedAt: number | null;
    error?: string;
  };
  const seeds: Seed[] = [];
  for (let i = 0; i < 60; i++) {
    const status = i % 10 === 0 ? "timed_out" : i % 4 === 0 ? "failed" : i % 7 === 0 ? "cancelled" : i === 59 ? "running" : "completed";
    const createdAt = day + (i % 6) * hour + i * 1000;
    const started = status === "timed_out" ? null : createdAt + 500 + i * 37;
    seeds.push({
      executor: i % 3 === 0 ? "docker" : "shell",
      priority: i % 2 === 0 ? "high" : "low",
      agent: i % 5 === 0 ? "analytics-b" : "analytics-a",
      status,
      createdAt,
      startedAt: started,
      endedAt: status === "running" ? null : (started ?? createdAt) + 1000 + ((i * 7919) % 90_000),
      ...(status === "failed" ? { error: i % 8 === 0 ? "exit code 2" : "exit code 1" } : status === "timed_out" ? { error: "expired in the queue" } : {}),
    });
  }

  beforeAll(async () => {
    for (const [i, s] of seeds.entries()) {
      // Created pending, then moved on as the web's lifecycle does, so the triggers see both steps.
      await db.execute({
        sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, created_at, updated_at) VALUES (?, 'seed', ?, 'pending', ?, ?, ?)",
        args: [`an-${i}`, s.executor, s.priority, s.createdAt, s.createdAt],
      });
      await db.execute({
        sql: "UPDATE cockpit_tasks SET status = ?, assigned_agent_id = ?, started_at = ?, completed_at = ?, error = ?, updated_at = ? WHERE id = ?",
        args: [s.status, s.status === "timed_out" ? null : s.agent, s.startedAt, s.endedAt, s.error ?? null, s.endedAt ?? s.createdAt, `an-${i}`],
      });
    }
  });

  async function analytics(query: string): Promise<Analytics> {
    const res = await stack.api(`/api/cockpit/analytics?${query}`);
    if (res.status !== 200) throw new Error(`analytics: ${res.status} ${await res.text()}`);
    return (await res.json()) as Analytics;
  }
  const range = `from=${new Date(day).toISOString()}&to=${new Date(day + 2 * 24 * hour).toISOString()}`;
  const nearestRank = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * values.length) - 1)]!;
  const within10 = (actual: number | null, truth: number) => expect(Math.abs(actual! - truth)).toBeLessThanOrEqual(truth * 0.1 + 1);

  it("counts created and ended tasks per day, with success rate and percentiles computed from the seeds", async () => {
    const { groups } = await analytics(`${range}&bucket=day`);
    expect(groups.map((g) => g.key)).toEqual([""]);
    const [first, second] = groups[0]!.buckets;
    const ended = seeds.filter((s) => s.endedAt !== null);
    const count = (status: string) => seeds.filter((s) => s.status === status).length;
    expect(first).toMatchObject({
      start: new Date(day).toISOString(),
      created: 60,
      completed: count("completed"),
      failed: count("failed"),
      timedOut: count("timed_out"),
      cancelled: count("cancelled"),
    });
    expect(first!.successRate).toBeCloseTo(count("completed") / (count("completed") + count("failed") + count("timed_out")), 10);
    expect(second).toMatchObject({ created: 0, completed: 0, successRate: null });
    const durations = ended.filter((s) => s.startedAt !== null).map((s) => s.endedAt! - s.startedAt!);
    const waits = ended.filter((s) => s.startedAt !== null).map((s) => s.startedAt! - s.createdAt);
    within10(first!.duration.p50, nearestRank(durations, 0.5));
    within10(first!.duration.p95, nearestRank(durations, 0.95));
    within10(first!.queueWait.p50, nearestRank(waits, 0.5));
    within10(first!.queueWait.p95, nearestRank(waits, 0.95));
    const reasons = new Map<string, number>();
    for (const s of seeds) if (s.error) reasons.set(s.error, (reasons.get(s.error) ?? 0) + 1);
    const expected = [...reasons.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => ({ reason, count }));
    expect(groups[0]!.topFailureReasons).toEqual(expected);
  });

  it("splits by executor, priority and agent, and by hour", async () => {
    for (const by of ["executor", "priority"] as const) {
      const { groups } = await analytics(`${range}&bucket=day&by=${by}`);
      for (const g of groups) {
        const mine = seeds.filter((s) => s[by] === g.key);
        expect(g.totals.created).toBe(mine.length);
        expect(g.totals.completed).toBe(mine.filter((s) => s.status === "completed").length);
      }
      expect(groups.reduce((n, g) => n + g.totals.created, 0)).toBe(60);
    }
    const byAgent = await analytics(`${range}&bucket=day&by=agent`);
    const agentB = byAgent.groups.find((g) => g.key === "analytics-b")!;
    expect(agentB.totals.failed).toBe(seeds.filter((s) => s.agent === "analytics-b" && s.status === "failed").length);
    const hourly = await analytics(`from=${new Date(day).toISOString()}&to=${new Date(day + 6 * hour).toISOString()}&bucket=hour`);
    expect(hourly.groups[0]!.buckets.map((b) => b.created)).toEqual(
      [0, 1, 2, 3, 4, 5].map((h) => seeds.filter((s) => Math.floor((s.createdAt - day) / hour) === h).length),
    );
  });

  it("counts a task that ends through the real lifecycle, under its agent", async () => {
    const { id, holder, holderId } = await runningTask();
    holder.send({ type: "task-result", taskId: id, status: "failed", result: { error: "lint failed" } });
    await waitForStatus(stack, id, "failed");
    const now = Date.now();
    const { groups } = await analytics(`from=${new Date(now - 2 * hour).toISOString()}&to=${new Date(now + hour).toISOString()}&by=agent`);
    const mine = groups.find((g) => g.key === holderId)!;
    expect(mine.totals).toMatchObject({ failed: 1, completed: 0, successRate: 0 });
    expect(mine.totals.duration.p50).not.toBeNull();
    expect(mine.topFailureReasons).toHaveLength(1);
    holder.close();
  });

  it("refuses a range that is backwards or too long, naming the field", async () => {
    const backwards = await stack.api(`/api/cockpit/analytics?from=${new Date(day + hour).toISOString()}&to=${new Date(day).toISOString()}`);
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { error: { field: string } }).error.field).toBe("from");
    expect((await stack.api(`/api/cockpit/analytics?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour`)).status).toBe(400);
    const bad = await stack.api(`/api/cockpit/analytics?bucket=week`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("bucket");
  });
});

describe("the tasks list over REST: sort and pages both ways", () => {
  type ListPage = { tasks: { id: string }[]; total: number; totalExact: boolean; start: number | null; nextCursor: string | null; prevCursor: string | null };
  const list = async (query: string): Promise<ListPage> => {
    const res = await stack.api(`/api/cockpit/tasks?${query}`);
    if (res.status !== 200) throw new Error(`list ${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as ListPage;
  };

  it("walks sort=duration longest first in pages of 3, forwards with after= and back with before=, saying the range", async () => {
    const executor = uid("sortexec");
    const t0 = Date.now() - 3_600_000;
    // name, run time in ms (null: never ran)
    const seeds: [string, number | null][] = [
      ["a", 500],
      ["b", 9_000],
      ["c", null],
      ["d", 9_000],
      ["e", 20],
      ["f", 70_000],
      ["g", 1_200],
    ];
    for (const [i, [name, ran]] of seeds.entries()) {
      await db.execute({
        sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, created_at, updated_at, started_at, completed_at) VALUES (?, 't', ?, ?, 'medium', ?, ?, ?, ?)",
        args: [
          `${executor}-${name}`,
          executor,
          ran === null ? "pending" : "completed",
          t0 + i,
          t0 + i,
          ran === null ? null : t0 + 100,
          ran === null ? null : t0 + 100 + ran,
        ],
      });
    }
    // Longest first; equal durations by id descending; the one that never ran last (-1).
    const expected = ["f", "d", "b", "g", "a", "e", "c"].map((n) => `${executor}-${n}`);
    const pages: ListPage[] = [await list(`executor=${executor}&sort=duration&limit=3`)];
    while (pages.at(-1)!.nextCursor) pages.push(await list(`executor=${executor}&sort=duration&limit=3&after=${pages.at(-1)!.nextCursor}`));
    expect(pages.flatMap((p) => p.tasks.map((t) => t.id))).toEqual(expected);
    expect(pages.map((p) => [p.start, p.total, p.totalExact])).toEqual([
      [1, 7, true],
      [4, 7, true],
      [7, 7, true],
    ]);
    expect(pages[0]!.prevCursor).toBeNull();
    const back = await list(`executor=${executor}&sort=duration&limit=3&before=${pages[2]!.prevCursor}`);
    expect(back.tasks.map((t) => t.id)).toEqual(expected.slice(3, 6));
    expect(back.start).toBe(4);
    // Shortest first is the exact reverse; the older cursor= parameter still means "after".
    const asc = await list(`executor=${executor}&sort=duration&order=asc&limit=4`);
    expect(asc.tasks.map((t) => t.id)).toEqual([...expected].reverse().slice(0, 4));
    const viaCursor = await list(`executor=${executor}&sort=duration&order=asc&limit=4&cursor=${asc.nextCursor}`);
    expect(viaCursor.tasks.map((t) => t.id)).toEqual([...expected].reverse().slice(4));
  });

  it("refuses a cursor made for another sort, two boundaries at once, and an unknown sort, naming the parameter", async () => {
    const first = await list("limit=1");
    const refusal = async (query: string) => {
      const res = await stack.api(`/api/cockpit/tasks?${query}`);
      return { status: res.status, field: ((await res.json()) as { error: { field?: string } }).error.field };
    };
    expect(first.nextCursor).not.toBeNull();
    expect(await refusal(`sort=priority&after=${first.nextCursor}`)).toEqual({ status: 400, field: "after" });
    expect(await refusal(`after=${first.nextCursor}&before=${first.nextCursor}`)).toEqual({ status: 400, field: "before" });
    expect(await refusal("sort=title")).toEqual({ status: 400, field: "sort" });
    expect(await refusal("before=bm90LWEtY3Vyc29y")).toEqual({ status: 400, field: "before" });
  });
});
