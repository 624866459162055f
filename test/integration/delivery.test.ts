import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, createTask, listAgents, postTask, uid, viewTask, waitForStatus } from "../helpers/api";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

// Each test routes its tasks by a capability of its own, so no other test's agent can take them.
describe("delivery", () => {
  it("keeps a task pending while no agent is online and delivers it when one connects", async () => {
    const capability = uid("late");
    const task = await postTask(stack, { title: "waits", requires: [capability] });
    expect(task.status).toBe("pending");
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: uid("late-comer"), status: "online", capabilities: [capability] });
    expect(await agent.next("task")).toMatchObject({ type: "task", taskId: task.id, taskType: "shell" });
    await waitForStatus(stack, task.id, "running");
    agent.send({ type: "task-result", taskId: task.id, status: "completed", result: null });
    await waitForStatus(stack, task.id, "completed");
    agent.close();
  });

  it("pushes a task to exactly one of several idle agents", async () => {
    const capability = uid("once");
    const ids = [uid("one"), uid("two"), uid("three")];
    const agents = [];
    for (const id of ids) agents.push(await connectAgent(stack, id, { capabilities: [capability] }));
    const task = await createTask(stack, { title: "just once", requires: [capability] });
    await waitForStatus(stack, task, "running");
    // Each create dispatches before it answers; the barriers then prove every frame the hub sent has arrived.
    const others = [await createTask(stack, { title: "second", requires: [capability] }), await createTask(stack, { title: "third", requires: [capability] })];
    for (const a of agents) await a.barrier();
    const receivers = agents.filter((a) => a.frames.some((f) => f.type === "task" && f.taskId === task));
    expect(receivers).toHaveLength(1);
    // One task per idle agent: a second copy of the first would have left an agent with two.
    expect(agents.map((a) => a.frames.filter((f) => f.type === "task").length)).toEqual([1, 1, 1]);
    expect(agents.flatMap((a) => a.frames.filter((f) => f.type === "task").map((f) => f.taskId)).sort()).toEqual([task, ...others].sort());
    for (const a of agents) a.close();
    await eventually(async () => !(await listAgents(stack)).some((a) => ids.includes(a.agentId)), 10_000, "agents gone");
  });

  it("routes by requires and never to a busy agent", async () => {
    const [git, gpu] = [uid("git"), uid("gpu")];
    const busyGpuId = uid("busy-gpu");
    const plain = await connectAgent(stack, uid("plain"), { capabilities: [git] });
    const busyGpu = await connectAgent(stack, busyGpuId, { capabilities: [gpu], status: "busy" });
    const task = await createTask(stack, { title: "needs gpu", requires: [gpu] });
    await plain.barrier();
    await busyGpu.barrier();
    expect((await viewTask(stack, task)).task.status).toBe("pending");
    expect(plain.frames.some((f) => f.type === "task")).toBe(false);
    busyGpu.send({ type: "agent-status", agentId: busyGpuId, status: "idle", capabilities: [gpu] });
    expect(await busyGpu.next("task")).toMatchObject({ taskId: task });
    expect((await viewTask(stack, task)).task.assignedAgentId).toBe(busyGpuId);
    plain.close();
    busyGpu.close();
    // Barrier: the next test's agent must be the only one the web still counts as connected.
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 0);
  });

  it("gives an agent one task at a time and the next when it reports a result", async () => {
    const capability = uid("serial");
    const agent = await connectAgent(stack, uid("serial"), { capabilities: [capability] });
    const first = await createTask(stack, { title: "first", priority: "low", requires: [capability] });
    const second = await createTask(stack, { title: "second", priority: "urgent", requires: [capability] });
    const got = await agent.next("task");
    expect(got.taskId).toBe(first);
    await agent.barrier();
    expect(agent.frames.filter((f) => f.type === "task")).toHaveLength(0);
    agent.send({ type: "task-result", taskId: first, status: "completed", result: 1 });
    expect((await agent.next("task")).taskId).toBe(second);
    agent.close();
  });
});
