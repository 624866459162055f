import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOutChildId } from "../../lib/tasks/rules";
import { createTask, viewTask, waitForStatus } from "../helpers/engine-agent";
import { RawAgent, eventually, type Frame } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

const ID = /^[A-Za-z0-9._:@-]{1,128}$/;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ webEnv: { SWEEP_INTERVAL_MS: "100", RETRY_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await stack?.stop();
});

/** A spec-only agent that completes every task it gets, naming the task in its result. */
async function worker(agentId: string, capabilities: string[]): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  agent.ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    if (frame.type === "task") agent.send({ type: "task-result", taskId: frame.taskId, status: "completed", result: `${agentId} ran ${String(frame.taskId)}` });
  });
  agent.send({ type: "agent-status", agentId, status: "online", capabilities });
  await eventually(async () =>
    ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] }).agents.some((a) => a.agentId === agentId),
  );
  return agent;
}

describe("one bad delivery does not stall dispatch", () => {
  it("gives a fan-out parent with a 128-character id valid, distinct, stable child ids; the ordinary tasks beside it complete", async () => {
    const workers = [await worker("guard-a", ["guard"]), await worker("guard-b", ["guard"])];
    const parent = `fan-${"x".repeat(124)}`;
    expect(parent).toHaveLength(128);
    expect(await createTask(stack, { id: parent, title: "long fan-out", fanOut: { agents: ["guard-a", "guard-b"] } })).toBe(parent);
    const ordinary = [
      await createTask(stack, { title: "ordinary 1", requires: ["guard"] }),
      await createTask(stack, { title: "ordinary 2", requires: ["guard"] }),
    ];

    for (const id of ordinary) await waitForStatus(stack, id, "completed", 15_000);
    const view = await waitForStatus(stack, parent, "completed", 15_000);
    const childIds = view.children.map((c) => c.id).sort();
    expect(childIds).toEqual([fanOutChildId(parent, 1), fanOutChildId(parent, 2)].sort());
    for (const id of childIds) expect(id).toMatch(ID);
    expect(new Set(childIds).size).toBe(2);
    expect(childIds.every((id) => id.startsWith("fan-xxxx") && id !== `${parent}.1`)).toBe(true);
    for (const w of workers) w.close();
  });

  it("answers 409 naming the id when a fan-out child's id is taken by another task, and stores nothing", async () => {
    await createTask(stack, { id: "clash.1", title: "already here", requires: ["nobody-has-this"] });
    const res = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ id: "clash", title: "fan", executor: "shell", fanOut: { agents: ["guard-a"] } }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { field: string; message: string } }).error).toEqual({
      code: "conflict",
      field: "id",
      message: "fan-out child id clash.1 is already taken by another task",
    });
    expect((await stack.api("/api/cockpit/tasks/clash")).status).toBe(404);
    expect((await viewTask(stack, "clash.1")).task.status).toBe("pending");
  });

  it("fails a task whose frame breaks the protocol (an over-long id left by an older version) with the reason; the next task runs", async () => {
    const legacyId = `legacy-${"y".repeat(123)}`;
    expect(legacyId.length).toBeGreaterThan(128);
    const client = createClient({ url: `file:${stack.dbPath}` });
    const now = Date.now();
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute({
      sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, priority_rank, requires, depends_on, kind, available_at, created_at, updated_at) VALUES (?, 'left behind', 'shell', 'pending', 'urgent', 0, '[\"legacy\"]', '[]', 'task', 0, ?, ?)",
      args: [legacyId, now, now],
    });
    const agent = await worker("legacy-runner", ["legacy"]);
    const next = await createTask(stack, { title: "after the bad one", requires: ["legacy"], priority: "low" });
    await waitForStatus(stack, next, "completed", 15_000);
    const rs = await client.execute({ sql: "SELECT status, error FROM cockpit_tasks WHERE id = ?", args: [legacyId] });
    expect(rs.rows[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/^delivery refused: taskId: .*128/) });
    const attempts = await client.execute({ sql: "SELECT outcome FROM cockpit_task_attempts WHERE task_id = ?", args: [legacyId] });
    expect(attempts.rows.map((r) => r.outcome)).toEqual(["rejected"]);
    client.close();
    agent.close();
  });
});
