import { createClient, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, listAgents, uid } from "../helpers/api";
import { eventually, RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

type BulkReply = {
  created: { index: number; id: string }[];
  existing: { index: number; id: string }[];
  errors: { index: number; field: string; message: string }[];
};

let stack: Stack;
let db: Client;
const agents: RawAgent[] = [];

beforeAll(async () => {
  stack = await startStack();
  db = createClient({ url: `file:${stack.dbPath}` });
});

afterAll(async () => {
  for (const a of agents) a.close();
  db?.close();
  await stack?.stop();
});

const bulk = (tasks: unknown[], key?: string) => stack.api("/api/cockpit/tasks/bulk", { method: "POST", body: JSON.stringify({ tasks }), key });

async function countTasks(ids: readonly string[]): Promise<number> {
  const rs = await db.execute({ sql: `SELECT count(*) FROM cockpit_tasks WHERE id IN (${ids.map(() => "?").join(",")})`, args: [...ids] });
  return Number(rs.rows[0]?.[0]);
}

describe("POST /api/cockpit/tasks/bulk", () => {
  it("dispatches the batch together: each task reaches a connected agent exactly once", async () => {
    const p = uid("dispatch");
    const agentKey = await stack.createKey("agent");
    const agent = await connectAgent(stack, `${p}-agent`, { key: agentKey, maxConcurrency: 4 });
    agents.push(agent);
    // First in this file: no older pending task competes for the agent's slots.
    const tasks = Array.from({ length: 4 }, (_, i) => ({ id: `${p}-${i}`, title: `t${i}`, executor: "shell" }));
    expect((await bulk(tasks)).status).toBe(201);
    // next() takes each frame off the agent's list: whatever task frame remains after the barrier came twice.
    for (const t of tasks) await agent.next((f) => f.type === "task" && f.taskId === t.id);
    for (const t of tasks) agent.send({ type: "task-result", taskId: t.id, status: "completed", result: { ok: true } });
    await eventually(
      async () => {
        const rs = await db.execute({ sql: "SELECT count(*) FROM cockpit_tasks WHERE id LIKE ? AND status = 'completed'", args: [`${p}-%`] });
        return Number(rs.rows[0]?.[0]) === 4;
      },
      10_000,
      "the bulk tasks completed",
    );
    await agent.barrier();
    expect(agent.frames.filter((f) => f.type === "task")).toEqual([]);
    // Later tests leave tasks pending: nobody may take them.
    agent.close();
    await eventually(async () => !(await listAgents(stack)).some((a) => a.agentId === `${p}-agent`), 10_000, "the agent gone");
  });
  it("creates the valid items of a mixed batch, names each refused item's index and field, and creates nothing twice on a re-post", async () => {
    const p = uid("bulk");
    const batch = [
      { id: `${p}-a`, title: "first", executor: "shell" },
      { id: `${p}-b`, executor: "shell" },
      { id: `${p}-c`, title: "third", executor: "shell", priority: "high", dependsOn: [`${p}-a`] },
      { id: `${p}-d`, title: "bad", executor: "has space", priority: "urgent!" },
      { id: `${p}-a`, title: "again", executor: "shell" },
      { id: `${p}-e`, title: "orphan", executor: "shell", dependsOn: [`${p}-nowhere`] },
      { id: `${p}-f`, title: "fan", executor: "shell", fanOut: { capability: "gpu" } },
      { id: `${p}-g`, title: "last", executor: "shell", payload: { n: 7 } },
    ];
    const res = await bulk(batch);
    expect(res.status).toBe(201);
    const reply = (await res.json()) as BulkReply;
    expect(reply.created).toEqual([
      { index: 0, id: `${p}-a` },
      { index: 2, id: `${p}-c` },
      { index: 7, id: `${p}-g` },
    ]);
    expect(reply.existing).toEqual([]);
    expect(reply.errors.map((e) => [e.index, e.field])).toEqual([
      [1, "title"],
      [3, "executor"],
      [3, "priority"],
      [4, "id"],
      [5, "dependsOn"],
      [6, "fanOut"],
    ]);
    for (const e of reply.errors) expect(e.message).toContain(e.field);
    expect(await countTasks(batch.map((t) => t.id))).toBe(3);
    const stored = await db.execute({ sql: "SELECT status, priority, payload FROM cockpit_tasks WHERE id = ?", args: [`${p}-g`] });
    expect(stored.rows[0]).toMatchObject({ status: "pending", priority: "medium", payload: '{"n":7}' });
    const events = await db.execute({ sql: "SELECT count(*) FROM cockpit_task_events WHERE type = 'created' AND task_id LIKE ?", args: [`${p}-%`] });
    expect(Number(events.rows[0]?.[0])).toBe(3);

    // The same request again (a client retrying after a timeout): every client id is reported as existing.
    const again = await bulk(batch);
    expect(again.status).toBe(200);
    const second = (await again.json()) as BulkReply;
    expect(second.created).toEqual([]);
    expect(second.existing).toEqual([
      { index: 0, id: `${p}-a` },
      { index: 2, id: `${p}-c` },
      { index: 7, id: `${p}-g` },
    ]);
    expect(await countTasks(batch.map((t) => t.id))).toBe(3);
  });

  it("stores every column of a bulk-created task exactly as POST /tasks stores it (payload text byte for byte)", async () => {
    const p = uid("same");
    const dep = `${p}-dep`;
    expect((await bulk([{ id: dep, title: "dependency", executor: "shell" }])).status).toBe(201);
    const full = {
      title: "every field ✓ \u00e9",
      executor: "shell",
      // Text a JSON re-encoding would change (escapes, a float's spelling, key order): stored as the client's JSON.stringify.
      payload: { b: 'x\u2028y "q" \\ 😀', a: [1.5, 1e21, -0, null, true], nested: { z: 1, y: {} } },
      priority: "high",
      requires: ["gpu", "os:linux"],
      targetAgentId: `${p}-nobody`,
      maxAttempts: 3,
      idempotent: true,
      timeoutMs: 60_000,
      queueTimeoutMs: 3_600_000,
      dependsOn: [dep],
      requiresRepo: { repo: "github.com/acme/app", clean: true, branch: "main" },
    };
    expect((await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ ...full, id: `${p}-single` }) })).status).toBe(201);
    expect(
      (
        await bulk([
          { ...full, id: `${p}-bulk` },
          { id: `${p}-bare`, title: "defaults", executor: "shell" },
        ])
      ).status,
    ).toBe(201);
    expect(
      (await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ id: `${p}-bare1`, title: "defaults", executor: "shell" }) })).status,
    ).toBe(201);
    const rowOf = async (id: string) => {
      const rs = await db.execute({ sql: "SELECT * FROM cockpit_tasks WHERE id = ?", args: [id] });
      const { id: _id, created_at: createdAt, updated_at: _u, expires_at: expiresAt, ...rest } = rs.rows[0] as unknown as Record<string, unknown>;
      // Timestamps differ by when each was made; the queue timeout must still be measured from creation.
      return {
        ...rest,
        expiresIn: expiresAt === null ? null : Number(expiresAt) - Number(createdAt),
        types: rs.columns.map((c, i) => `${c}:${typeof rs.rows[0]![i]}`),
      };
    };
    expect(await rowOf(`${p}-bulk`)).toEqual(await rowOf(`${p}-single`));
    expect(await rowOf(`${p}-bare`)).toEqual(await rowOf(`${p}-bare1`));
    const stored = await db.execute({ sql: "SELECT payload FROM cockpit_tasks WHERE id = ?", args: [`${p}-bulk`] });
    expect(stored.rows[0]?.payload).toBe(JSON.stringify(full.payload));
  });

  it("takes 1,000 tasks in one request, each reaching a dashboard as REST shows it, and refuses 1,001 or none", async () => {
    const p = uid("thousand");
    const dashboard = await RawAgent.dashboard(stack.wsUrl, await stack.createKey("viewer"));
    const tasks = Array.from({ length: 1000 }, (_, i) => ({ id: `${p}-${i}`, title: `t${i}`, executor: "shell", payload: { i } }));
    const res = await bulk(tasks);
    expect(res.status).toBe(201);
    expect(((await res.json()) as BulkReply).created).toHaveLength(1000);
    expect(await countTasks(tasks.map((t) => t.id))).toBe(1000);
    // The route answers before it publishes: the changes follow, one per task, each the task as stored.
    const seen = new Map<string, Record<string, unknown>>();
    for (const t of tasks) {
      const frame = await dashboard.next((f) => f.type === "change" && f.entity === "task" && (f.data as { id?: string }).id === t.id);
      seen.set(t.id, frame.data as Record<string, unknown>);
    }
    dashboard.close();
    for (const id of [tasks[0]!.id, tasks[499]!.id, tasks[999]!.id]) {
      const shown = (await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as { task: Record<string, unknown> };
      const { logs: _logs, ...rest } = shown.task;
      expect(seen.get(id)).toEqual(rest);
    }

    const tooMany = await bulk([...tasks, { id: `${p}-x`, title: "x", executor: "shell" }]);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { field: string } }).error.field).toBe("tasks");
    expect((await bulk([])).status).toBe(400);
    expect(await countTasks([`${p}-x`])).toBe(0);
  });

  it("answers 400 with every item's errors when no item is valid", async () => {
    const res = await bulk([{ executor: "shell" }, { title: "t" }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { field: string; details: BulkReply["errors"] } };
    expect(body.error.field).toBe("tasks");
    expect(body.error.details.map((e) => [e.index, e.field])).toEqual([
      [0, "title"],
      [1, "executor"],
    ]);
  });

  it("follows POST /tasks' role rules", async () => {
    const p = uid("roles");
    for (const role of ["viewer", "agent"] as const)
      expect((await bulk([{ id: `${p}-${role}`, title: "t", executor: "shell" }], await stack.createKey(role))).status).toBe(403);
    expect(
      (await stack.api("/api/cockpit/tasks/bulk", { method: "POST", body: JSON.stringify({ tasks: [{ title: "t", executor: "shell" }] }), key: null })).status,
    ).toBe(401);
    const operator = await stack.createKey("operator");
    expect((await bulk([{ id: `${p}-op`, title: "t", executor: "shell" }], operator)).status).toBe(201);
    expect(await countTasks([`${p}-viewer`, `${p}-agent`, `${p}-op`])).toBe(1);
  });
});

describe("key lookups at upgrade", () => {
  const keyLookups = async () => ((await (await fetch(`${stack.hubUrl}/health`)).json()) as { keyLookups: number }).keyLookups;

  it("200 simultaneous upgrades with one new key all open and cost the web one lookup, not 200", async () => {
    const key = await stack.createKey("agent", "stampede");
    const before = await keyLookups();
    const sockets = await Promise.all(Array.from({ length: 200 }, () => RawAgent.connect(stack.wsUrl, key)));
    for (const s of sockets) agents.push(s);
    // Every socket is open; a second flight may start if the first ended before some upgrade arrived.
    expect(sockets.every((s) => s.closed === null)).toBe(true);
    expect((await keyLookups()) - before).toBeLessThanOrEqual(2);
  });

  it("300 agents registering new ids at once are claimed in a few requests, not 300, and all register", async () => {
    const key = await stack.createKey("agent", "fleet");
    const claims = async () => ((await (await fetch(`${stack.hubUrl}/health`)).json()) as { agentClaims: { claims: number; requests: number } }).agentClaims;
    const before = await claims();
    const sockets = await Promise.all(Array.from({ length: 300 }, () => RawAgent.connect(stack.wsUrl, key)));
    for (const s of sockets) agents.push(s);
    const prefix = uid("fleet");
    sockets.forEach((s, i) => s.send({ type: "agent-status", agentId: `${prefix}-${i}`, status: "online", capabilities: ["shell"], maxConcurrency: 1 }));
    const after = await eventually(
      async () => {
        const now = await claims();
        return now.claims - before.claims >= 300 && now;
      },
      20_000,
      "300 claims asked",
    );
    // One request is out at a time and carries what queued meanwhile: a burst of 300 is a handful of requests.
    expect(after.requests - before.requests).toBeLessThan(300 / 2);
    const listed = await eventually(
      async () => {
        const mine = (await listAgents(stack)).filter((a) => a.agentId.startsWith(`${prefix}-`) && a.connected);
        return mine.length === 300 && mine;
      },
      30_000,
      "all 300 registered in the web",
    );
    expect(listed).toHaveLength(300);
    expect(sockets.every((s) => s.closed === null)).toBe(true);
  });

  it("a revoked key opens no new socket at once, though its lookup was cached a moment ago", async () => {
    const res = await stack.api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name: "soon revoked", role: "agent" }) });
    const created = (await res.json()) as { id: string; key: string };
    const first = await RawAgent.connect(stack.wsUrl, created.key);
    agents.push(first);
    expect((await stack.api(`/api/cockpit/keys/${created.id}`, { method: "DELETE" })).status).toBe(200);
    expect(await first.waitClose()).toEqual({ code: 4001, reason: "key revoked" });
    expect(await RawAgent.refusedStatus(stack.wsUrl, created.key)).toBe(401);
  });
});
