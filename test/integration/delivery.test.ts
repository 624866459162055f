import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function agentOnline(agentId: string, capabilities: string[] = [], status = "online"): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  agent.send({ type: "agent-status", agentId, status, capabilities });
  await eventually(async () => {
    const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
    return body.agents.some((a) => a.agentId === agentId);
  });
  return agent;
}

const createTask = async (body: Record<string, unknown>) => {
  const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ executor: "shell", ...body }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { task: { id: string; status: string } }).task;
};

const taskStatus = async (id: string) => ((await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as { task: { status: string; assignedAgentId: string | null } }).task;

describe("delivery", () => {
  it("keeps a task pending while no agent is online and delivers it when one connects", async () => {
    const task = await createTask({ title: "waits" });
    expect(task.status).toBe("pending");
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "late-comer", status: "online" });
    expect(await agent.next("task")).toMatchObject({ type: "task", taskId: task.id, taskType: "shell" });
    await eventually(async () => (await taskStatus(task.id)).status === "running");
    agent.send({ type: "task-result", taskId: task.id, status: "completed", result: null });
    await eventually(async () => (await taskStatus(task.id)).status === "completed");
    agent.close();
  });

  it("pushes a task to exactly one of several idle agents", async () => {
    const agents = [await agentOnline("one"), await agentOnline("two"), await agentOnline("three")];
    const task = await createTask({ title: "just once" });
    await eventually(async () => (await taskStatus(task.id)).status === "running");
    await new Promise((r) => setTimeout(r, 300));
    const receivers = agents.filter((a) => a.frames.some((f) => f.type === "task" && f.taskId === task.id));
    expect(receivers).toHaveLength(1);
    for (const a of agents) a.close();
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 0);
  });

  it("routes by requires and never to a busy agent", async () => {
    const plain = await agentOnline("plain", ["git"]);
    const busyGpu = await agentOnline("busy-gpu", ["gpu"], "busy");
    const task = await createTask({ title: "needs gpu", requires: ["gpu"] });
    await new Promise((r) => setTimeout(r, 500));
    expect((await taskStatus(task.id)).status).toBe("pending");
    expect(plain.frames.some((f) => f.type === "task")).toBe(false);
    busyGpu.send({ type: "agent-status", agentId: "busy-gpu", status: "idle", capabilities: ["gpu"] });
    expect(await busyGpu.next("task")).toMatchObject({ taskId: task.id });
    expect((await taskStatus(task.id)).assignedAgentId).toBe("busy-gpu");
    plain.close();
    busyGpu.close();
    // Barrier: the next test's agent must be the only one the web still counts as connected.
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 0);
  });

  it("gives an agent one task at a time and the next when it reports a result", async () => {
    const agent = await agentOnline("serial");
    const first = await createTask({ title: "first", priority: "low" });
    const second = await createTask({ title: "second", priority: "urgent" });
    const got = await agent.next("task");
    expect(got.taskId).toBe(first.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(agent.frames.filter((f) => f.type === "task")).toHaveLength(0);
    agent.send({ type: "task-result", taskId: first.id, status: "completed", result: 1 });
    expect((await agent.next("task")).taskId).toBe(second.id);
    agent.close();
  });
});
