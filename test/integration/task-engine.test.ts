import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TASK_EXTENSIONS, connectAgent, createTask, viewTask, waitForStatus } from "../helpers/api";
import { RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
// Short engine timings stand in for the defaults (30 s accept, 60 s grace, 1 s backoff).
beforeAll(async () => {
  stack = await startStack({ webEnv: { SWEEP_INTERVAL_MS: "100", ACCEPT_TIMEOUT_MS: "1000", LOST_AGENT_GRACE_MS: "600", RETRY_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await stack?.stop();
});

describe("priority and routing", () => {
  it("hands queued tasks out by priority, then age", async () => {
    const ids: Record<string, string> = {};
    for (const p of ["low", "medium", "urgent", "high", "urgent"])
      ids[`${p}${ids[p] ? 2 : ""}`] = await createTask(stack, { title: `prio ${p}`, priority: p, requires: ["prio"] });
    const agent = await connectAgent(stack, "prio-agent", { capabilities: ["prio"] });
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const frame = await agent.next("task");
      order.push(frame.taskId as string);
      agent.send({ type: "task-result", taskId: frame.taskId, status: "completed", result: i });
    }
    expect(order).toEqual([ids.urgent, ids.urgent2, ids.high, ids.medium, ids.low]);
    agent.close();
  });

  it("never gives an agent more tasks than its maxConcurrency", async () => {
    const agent = await connectAgent(stack, "pair", { capabilities: ["pair"], maxConcurrency: 2 });
    for (let i = 0; i < 3; i++) await createTask(stack, { title: `pair ${i}`, requires: ["pair"] });
    await agent.next("task");
    await agent.next("task");
    await agent.barrier(); // each create dispatched before it answered: a third task frame would be here by now
    expect(agent.frames.filter((f) => f.type === "task")).toHaveLength(0);
    agent.close();
  });
});

describe("handshake, cancel and timeouts", () => {
  it("keeps a task assigned until the agent accepts it, then cancels it while running", async () => {
    const agent = await connectAgent(stack, "canceller", { capabilities: ["cancel"], extensions: TASK_EXTENSIONS });
    const id = await createTask(stack, { title: "long job", requires: ["cancel"] });
    const frame = await agent.next("task");
    expect(frame).toMatchObject({ taskId: id, attempt: 1 });
    expect((await viewTask(stack, id)).task.status).toBe("assigned");
    agent.send({ type: "task-accepted", taskId: id });
    await waitForStatus(stack, id, "running");

    const res = await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await agent.next("task-cancel")).toMatchObject({ taskId: id });
    const view = await waitForStatus(stack, id, "cancelled");
    expect(view.attempts).toEqual([expect.objectContaining({ attempt: 1, agentId: "canceller", outcome: "cancelled" })]);
    agent.send({ type: "task-result", taskId: id, status: "failed", result: { error: "interrupted" } });
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: id, accepted: false });
    expect((await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" })).status).toBe(409);
    agent.close();
  });

  it("cancels a pending task at once", async () => {
    const id = await createTask(stack, { title: "never runs", requires: ["nobody-has-this"] });
    expect((await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" })).status).toBe(200);
    expect((await viewTask(stack, id)).task.status).toBe("cancelled");
  });

  it("expires a task nobody picks up (queue timeout)", async () => {
    const id = await createTask(stack, { title: "too late", requires: ["absent"], queueTimeoutMs: 300 });
    const view = await waitForStatus(stack, id, "timed_out");
    expect(view.task.error).toBe("expired");
  });

  it("stops a task that runs too long (run timeout)", async () => {
    const agent = await connectAgent(stack, "sleeper", { capabilities: ["sleep"], extensions: TASK_EXTENSIONS });
    const id = await createTask(stack, { title: "hangs", requires: ["sleep"], timeoutMs: 400 });
    expect(await agent.next("task")).toMatchObject({ taskId: id, timeoutMs: 400 });
    agent.send({ type: "task-accepted", taskId: id });
    expect(await agent.next("task-cancel")).toMatchObject({ taskId: id, reason: "run timeout" });
    const view = await waitForStatus(stack, id, "timed_out");
    expect(view.attempts[0]).toMatchObject({ outcome: "timed_out" });
    agent.close();
  });

  it("offers a task the agent never accepts again without spending attempts, and fails it after 3 expiries", async () => {
    const agent = await connectAgent(stack, "mute", { capabilities: ["mute"], extensions: TASK_EXTENSIONS });
    const id = await createTask(stack, { title: "ignored", requires: ["mute"], maxAttempts: 2 });
    await agent.next("task");
    expect(await agent.next("task", 5_000)).toMatchObject({ taskId: id, attempt: 2 });
    const view = await waitForStatus(stack, id, "failed");
    expect(view.attempts.map((a) => a.outcome)).toEqual(["expired", "expired", "expired"]);
    expect(view.task.error).toContain("3 deliveries expired unaccepted");
    agent.close();
  });
});

describe("retries and lost agents", () => {
  it("retries a failed attempt with backoff and completes on the second", async () => {
    const agent = await connectAgent(stack, "flaky", { capabilities: ["flaky"] });
    const id = await createTask(stack, { title: "flaky", requires: ["flaky"], maxAttempts: 3 });
    const first = await agent.next("task");
    agent.send({ type: "task-result", taskId: first.taskId, status: "failed", result: { error: "network blip" } });
    const second = await agent.next("task", 5_000);
    expect(second.taskId).toBe(id);
    agent.send({ type: "task-result", taskId: id, status: "completed", result: "ok" });
    const view = await waitForStatus(stack, id, "completed");
    expect(view.attempts.map((a) => a.outcome)).toEqual(["failed", "completed"]);
    expect(view.events.map((e) => e.type)).toContain("retry-scheduled");
    agent.close();
  });

  it("moves the task of a killed agent to another agent; it completes once and the late result is refused", async () => {
    const doomed = await connectAgent(stack, "doomed", { capabilities: ["lost"] });
    const id = await createTask(stack, { title: "survives", requires: ["lost"], maxAttempts: 2, idempotent: true });
    await doomed.next("task");
    await waitForStatus(stack, id, "running");
    doomed.ws.terminate();
    const heir = await connectAgent(stack, "heir", { capabilities: ["lost"] });
    expect(await heir.next("task", 8_000)).toMatchObject({ taskId: id });
    heir.send({ type: "task-result", taskId: id, status: "completed", result: "heir did it" });
    await waitForStatus(stack, id, "completed");

    const back = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    back.send({ type: "agent-status", agentId: "doomed", status: "online", capabilities: ["lost"] });
    back.send({ type: "task-result", taskId: id, status: "completed", result: "doomed too" });
    expect(await back.next("error")).toMatchObject({ message: "Task result refused" });
    const view = await viewTask(stack, id);
    expect(view.task.result).toBe("heir did it");
    expect(view.events.filter((e) => e.type === "completed")).toHaveLength(1);
    expect(view.attempts.map((a) => [a.agentId, a.outcome])).toEqual([
      ["doomed", "lost"],
      ["heir", "completed"],
    ]);
    heir.close();
    back.close();
  });

  it("retries ended tasks by hand, one or in bulk", async () => {
    const id = await createTask(stack, { title: "again", requires: ["retry-me"] });
    await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" });
    expect((await stack.api(`/api/cockpit/tasks/${id}/retry`, { method: "POST" })).status).toBe(200);
    expect((await viewTask(stack, id)).task.status).toBe("pending");
    expect((await stack.api(`/api/cockpit/tasks/${id}/retry`, { method: "POST" })).status).toBe(409);

    const more = [await createTask(stack, { title: "bulk a", requires: ["retry-me"] }), await createTask(stack, { title: "bulk b", requires: ["retry-me"] })];
    const cancelled = (await (await stack.api("/api/cockpit/tasks/bulk/cancel", { method: "POST", body: JSON.stringify({ ids: [id, ...more] }) })).json()) as {
      changed: string[];
    };
    expect(cancelled.changed.sort()).toEqual([id, ...more].sort());
    const retried = (await (await stack.api("/api/cockpit/tasks/bulk/retry", { method: "POST", body: JSON.stringify({ ids: more }) })).json()) as {
      changed: string[];
    };
    expect(retried.changed.sort()).toEqual([...more].sort());
    expect((await stack.api("/api/cockpit/tasks/bulk/retry", { method: "POST", body: JSON.stringify({}) })).status).toBe(400);
  });
});

describe("coordination", () => {
  it("fans out to every agent with a capability; the parent completes when all children do", async () => {
    const a = await connectAgent(stack, "edge-a", { capabilities: ["deploy"] });
    const b = await connectAgent(stack, "edge-b", { capabilities: ["deploy"] });
    const other = await connectAgent(stack, "edge-none", { capabilities: ["other"] });
    const parent = await createTask(stack, { title: "deploy everywhere", fanOut: { capability: "deploy" } });
    for (const agent of [a, b]) {
      const frame = await agent.next("task");
      agent.send({ type: "task-result", taskId: frame.taskId, status: "completed", result: `done on ${frame.taskId}` });
    }
    const view = await waitForStatus(stack, parent, "completed");
    expect(view.children.map((c) => c.targetAgentId).sort()).toEqual(["edge-a", "edge-b"]);
    expect(other.frames.some((f) => f.type === "task")).toBe(false);
    for (const agent of [a, b, other]) agent.close();
  });

  it("fails the parent as soon as one child fails", async () => {
    const a = await connectAgent(stack, "fan-a");
    const b = await connectAgent(stack, "fan-b");
    const parent = await createTask(stack, { title: "two", fanOut: { agents: ["fan-a", "fan-b"] } });
    const fa = await a.next("task");
    a.send({ type: "task-result", taskId: fa.taskId, status: "failed", result: { error: "no disk" } });
    const view = await waitForStatus(stack, parent, "failed");
    expect(view.task.error).toContain(fa.taskId as string);
    a.close();
    b.close();
  });

  it("runs a dependent task only after its dependency completes, and fails it when the dependency fails", async () => {
    const agent = await connectAgent(stack, "chain", { capabilities: ["chain"], maxConcurrency: 4 });
    const first = await createTask(stack, { title: "build", requires: ["chain-later"] });
    const second = await createTask(stack, { title: "deploy", requires: ["chain"], dependsOn: [first] });
    await agent.barrier();
    expect((await viewTask(stack, second)).task.status).toBe("pending");
    expect(agent.frames.some((f) => f.type === "task")).toBe(false);
    agent.send({ type: "agent-status", agentId: "chain", status: "online", capabilities: ["chain", "chain-later"], maxConcurrency: 4 });
    const f1 = await agent.next("task");
    expect(f1.taskId).toBe(first);
    agent.send({ type: "task-result", taskId: first, status: "completed", result: null });
    expect((await agent.next("task")).taskId).toBe(second);

    const broken = await createTask(stack, { title: "broken build", requires: ["chain"] });
    const blocked = await createTask(stack, { title: "blocked deploy", requires: ["chain"], dependsOn: [broken] });
    const fb = await agent.next((f) => f.type === "task" && f.taskId === broken);
    agent.send({ type: "task-result", taskId: fb.taskId, status: "failed", result: { error: "compile error" } });
    const view = await waitForStatus(stack, blocked, "failed");
    expect(view.task.error).toBe(`dependency ${broken} failed`);
    expect(
      (await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "x", executor: "shell", dependsOn: ["no-such-task"] }) })).status,
    ).toBe(400);
    agent.close();
  });
});
