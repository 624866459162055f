import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
type Task = { id: string; title: string; executor: string; status: string };
type Page<K extends string, T> = { [key in K]: T[] } & { total: number; nextCursor: string | null; limit: number };

beforeAll(async () => {
  stack = await startStack();
  for (let i = 0; i < 7; i++) {
    const res = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ id: `t${i}`, title: `task number ${i}${i === 3 ? " 100%_done" : ""}`, executor: i % 2 ? "shell" : "subagent" }),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await stack?.stop();
});

const get = async <T>(path: string) => {
  const res = await stack.api(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

describe("GET /api/cockpit/tasks", () => {
  it("filters by status and executor, newest first, with a total", async () => {
    const shell = await get<Page<"tasks", Task>>("/api/cockpit/tasks?executor=shell&status=pending&limit=10");
    expect(shell.tasks.map((t) => t.id)).toEqual(["t5", "t3", "t1"]);
    expect(shell.total).toBe(3);
    const none = await get<Page<"tasks", Task>>("/api/cockpit/tasks?status=completed");
    expect(none).toMatchObject({ tasks: [], total: 0, nextCursor: null });
  });

  it("pages with a cursor through every row exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<"tasks", Task> = await get(`/api/cockpit/tasks?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(7);
      seen.push(...page.tasks.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["t6", "t5", "t4", "t3", "t2", "t1", "t0"]);
  });

  it("searches titles literally (% and _ are not wildcards)", async () => {
    const hit = await get<Page<"tasks", Task>>(`/api/cockpit/tasks?search=${encodeURIComponent("100%_")}`);
    expect(hit.tasks.map((t) => t.id)).toEqual(["t3"]);
    const miss = await get<Page<"tasks", Task>>(`/api/cockpit/tasks?search=${encodeURIComponent("%")}`);
    expect(miss.tasks.map((t) => t.id)).toEqual(["t3"]);
  });

  it("names the wrong parameter in a 400", async () => {
    for (const [query, field] of [
      ["status=bogus", "status"],
      ["limit=-1", "limit"],
      ["limit=201", "limit"],
      ["limit=abc", "limit"],
      ["cursor=zzz", "cursor"],
    ] as const) {
      const res = await stack.api(`/api/cockpit/tasks?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string; message: string } };
      expect(body.error).toMatchObject({ code: "bad_request", field });
      expect(body.error.message).toContain(field);
    }
  });

  it("returns one task with its history, 404 for an unknown one", async () => {
    const one = await get<{ task: Task; events: { type: string }[] }>("/api/cockpit/tasks/t2");
    expect(one.task).toMatchObject({ id: "t2", executor: "subagent", status: "pending" });
    expect(one.events.map((e) => e.type)).toEqual(["created"]);
    expect((await stack.api("/api/cockpit/tasks/nope")).status).toBe(404);
  });
});

describe("POST /api/cockpit/tasks", () => {
  const post = (body: string, headers: Record<string, string> = {}) => stack.api("/api/cockpit/tasks", { method: "POST", body, headers });

  it("refuses bad JSON, a wrong content type, missing and wrong fields, naming the field", async () => {
    expect((await post("{oops")).status).toBe(400);
    expect((await post(JSON.stringify({ title: "x", executor: "shell" }), { "content-type": "text/plain" })).status).toBe(415);
    for (const [body, field] of [
      [{ executor: "shell" }, "title"],
      [{ title: "x" }, "executor"],
      [{ title: "   ", executor: "shell" }, "title"],
      [{ title: "x", executor: "shell", priority: "asap" }, "priority"],
      [{ title: "x", executor: "shell", requires: "git" }, "requires"],
      [{ title: "x", executor: "has space" }, "executor"],
      [{ title: "x", executor: "shell", payload: "p".repeat(300_000) }, "payload"],
    ] as const) {
      const res = await post(JSON.stringify(body));
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    }
  });

  it("409 on a duplicate id, and the original is untouched", async () => {
    const res = await post(JSON.stringify({ id: "t0", title: "overwrite?", executor: "shell" }));
    expect(res.status).toBe(409);
    const t0 = await get<{ task: Task }>("/api/cockpit/tasks/t0");
    expect(t0.task.title).toBe("task number 0");
  });
});

describe("alerts", () => {
  it("creates, filters by severity and acknowledged, and acks idempotently", async () => {
    const mk = (id: string, severity: string) =>
      stack.api("/api/cockpit/alerts", { method: "POST", body: JSON.stringify({ id, severity, title: `alert ${id}` }) });
    expect((await mk("alert_123", "critical")).status).toBe(201);
    expect((await mk("alert_124", "warning")).status).toBe(201);
    expect((await mk("alert_123", "info")).status).toBe(409);
    expect((await mk("alert_x", "apocalyptic")).status).toBe(400);

    const open = await get<Page<"alerts", { id: string }>>("/api/cockpit/alerts?severity=critical&acknowledged=false");
    expect(open.alerts.map((a) => a.id)).toEqual(["alert_123"]);

    const ack = await stack.api("/api/cockpit/alerts/ack/alert_123", { method: "POST" });
    expect(ack.status).toBe(200);
    const first = (await ack.json()) as { alert: { acknowledged: boolean; acknowledgedBy: string; acknowledgedAt: string } };
    expect(first.alert).toMatchObject({ acknowledged: true, acknowledgedBy: "QUEUE_API_KEY" });
    const again = (await (await stack.api("/api/cockpit/alerts/ack/alert_123", { method: "POST" })).json()) as {
      alert: { acknowledgedAt: string };
      alreadyAcknowledged: boolean;
    };
    expect(again.alreadyAcknowledged).toBe(true);
    expect(again.alert.acknowledgedAt).toBe(first.alert.acknowledgedAt);

    expect((await get<Page<"alerts", unknown>>("/api/cockpit/alerts?severity=critical&acknowledged=false")).total).toBe(0);
    expect((await get<Page<"alerts", unknown>>("/api/cockpit/alerts?acknowledged=true")).total).toBe(1);
    expect((await stack.api("/api/cockpit/alerts?acknowledged=maybe")).status).toBe(400);
    expect((await stack.api("/api/cockpit/alerts/ack/alert_999", { method: "POST" })).status).toBe(404);
  });
});

describe("repos", () => {
  it("validates the status filter", async () => {
    expect((await stack.api("/api/cockpit/repos?status=dirty")).status).toBe(200);
    const bad = await stack.api("/api/cockpit/repos?status=filthy");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("status");
  });
});

describe("compression of JSON answers", () => {
  it("sends small answers as they are and still gzips large ones", async () => {
    const small = await stack.api("/api/cockpit/tasks?limit=1", { headers: { "accept-encoding": "gzip" } });
    expect(small.status).toBe(200);
    expect(small.headers.get("content-encoding")).toBeNull();
    expect(small.headers.get("cache-control")).toContain("no-transform");
    expect(((await small.json()) as { tasks: unknown[] }).tasks).toHaveLength(1);
    // A task whose payload runs past the threshold (4 KB): compressed as before.
    const created = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ id: "big", title: "big", executor: "shell", payload: { text: "y".repeat(6000) } }) });
    expect(created.status).toBe(201);
    const large = await stack.api("/api/cockpit/tasks/big", { headers: { "accept-encoding": "gzip" } });
    expect(((await large.json()) as { task: { payload: { text: string } } }).task.payload.text).toHaveLength(6000);
    expect(large.headers.get("content-encoding")).toBe("gzip");
    expect(large.headers.get("cache-control") ?? "").not.toContain("no-transform");
  });
});
