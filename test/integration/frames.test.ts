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

async function onlineAgent(agentId: string, capabilities: string[] = []): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  agent.send({ type: "agent-status", agentId, status: "online", capabilities });
  await eventually(async () => {
    const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
    return body.agents.some((a) => a.agentId === agentId);
  });
  return agent;
}

describe("invalid frames", () => {
  it("answers each kind of bad frame with an error frame and keeps the socket usable", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    await agent.next("status-request");
    agent.send("{not json");
    expect(await agent.next("error")).toMatchObject({ message: "Invalid message format", details: [{ code: "invalid_json" }] });
    agent.send({ type: "self-destruct" });
    expect(await agent.next("error")).toMatchObject({ message: "Invalid message format", details: [{ path: ["type"] }] });
    agent.send({ type: "agent-status", agentId: "x" });
    expect(await agent.next("error")).toMatchObject({ message: "Invalid message format", details: [{ path: ["status"] }] });
    agent.ws.send(Buffer.from([0, 1, 2]), { binary: true });
    expect(await agent.next("error")).toMatchObject({ message: "Invalid message format" });
    agent.send(JSON.stringify({ type: "pong", pad: "y".repeat(1_020_000) }));
    expect(await agent.next("error")).toMatchObject({ details: [{ code: "too_big" }] });
    agent.send({ type: "git-status", repos: [] });
    expect(await agent.next("error")).toMatchObject({ message: "Send agent-status first" });
    // Still usable: a valid frame is accepted.
    agent.send({ type: "agent-status", agentId: "survivor", status: "online" });
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count > 0);
    expect(agent.closed).toBeNull();
    agent.close();
  });

  it("closes a frame above the runtime's 1 MiB cap with 1009", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send(JSON.stringify({ type: "pong", pad: "y".repeat(1_100_000) }));
    expect((await agent.waitClose()).code).toBe(1009);
  });

  it("closes a client that keeps sending garbage with 1008", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    for (let i = 0; i < 12; i++) agent.send("garbage");
    expect((await agent.waitClose()).code).toBe(1008);
  });

  it("refuses a second agentId on the same connection", async () => {
    const agent = await onlineAgent("first-id");
    agent.send({ type: "agent-status", agentId: "second-id", status: "online" });
    expect(await agent.next("error")).toMatchObject({ message: "agentId cannot change on a connection" });
    agent.close();
  });
});

describe("git-status", () => {
  it("upserts repos per agent and path, and updates them in place", async () => {
    const agent = await onlineAgent("git-agent");
    const repo = { id: "app", path: "/work/app", name: "app", branch: "main", status: "dirty", uncommittedCount: 2, modifiedFiles: ["a.ts", "b.ts"] };
    agent.send({ type: "git-status", repos: [repo, { id: "lib", path: "/work/lib", name: "lib", branch: "main", status: "clean" }] });
    await eventually(async () => ((await (await stack.api("/api/cockpit/repos?agentId=git-agent")).json()) as { total: number }).total === 2);
    agent.send({ type: "git-status", repos: [{ ...repo, status: "ahead", uncommittedCount: 0, aheadCount: 3, modifiedFiles: [] }] });
    const ahead = await eventually(async () => {
      const body = (await (await stack.api("/api/cockpit/repos?status=ahead")).json()) as { repos: Record<string, unknown>[] };
      return body.repos[0];
    });
    expect(ahead).toMatchObject({ id: "app", agentId: "git-agent", path: "/work/app", aheadCount: 3, uncommittedCount: 0, modifiedFiles: [] });
    const all = (await (await stack.api("/api/cockpit/repos?agentId=git-agent")).json()) as { total: number };
    expect(all.total).toBe(2);
    agent.send({ type: "git-status", repos: [{ id: "gone", path: "/work/gone", name: "gone", error: "folder does not exist" }] });
    const broken = await eventually(async () => {
      const body = (await (await stack.api("/api/cockpit/repos?agentId=git-agent")).json()) as { repos: { id: string; status: string | null; error: string | null }[] };
      return body.repos.find((r) => r.id === "gone");
    });
    expect(broken).toMatchObject({ status: null, error: "folder does not exist" });
    agent.close();
  });
});

describe("task-result", () => {
  it("is accepted only from the agent the task went to, and only once", async () => {
    const holder = await onlineAgent("holder");
    const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "only me", executor: "shell", targetAgentId: "holder" }) });
    const { task } = (await res.json()) as { task: { id: string } };
    await holder.next("task");
    const intruder = await onlineAgent("intruder");
    intruder.send({ type: "task-result", taskId: task.id, status: "completed", result: "stolen" });
    expect(await intruder.next("error")).toMatchObject({ message: "Task result refused", details: [{ taskId: task.id, reason: "task is not assigned to this agent" }] });
    const mid = (await (await stack.api(`/api/cockpit/tasks/${task.id}`)).json()) as { task: { status: string; result: unknown } };
    expect(mid.task.status).not.toBe("completed");

    holder.send({ type: "task-result", taskId: task.id, status: "failed", result: { error: "exit 2" }, logs: "boom" });
    expect(await holder.next("task-result-ack")).toMatchObject({ taskId: task.id, accepted: true });
    holder.send({ type: "task-result", taskId: task.id, status: "completed", result: "again" });
    expect(await holder.next("task-result-ack")).toMatchObject({ taskId: task.id, accepted: false, reason: "task is already failed" });
    const final = (await (await stack.api(`/api/cockpit/tasks/${task.id}`)).json()) as { task: Record<string, unknown>; events: { type: string }[] };
    expect(final.task).toMatchObject({ status: "failed", result: { error: "exit 2" }, logs: "boom", error: "exit 2", assignedAgentId: "holder" });
    expect(final.events.map((e) => e.type)).toEqual(["created", "assigned", "delivered", "failed"]);
    holder.close();
    intruder.close();
  });
});

describe("pong", () => {
  it("updates the agent's last ping time", async () => {
    const agent = await onlineAgent("ponger");
    const before = ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string; lastPingAt: string }[] }).agents.find((a) => a.agentId === "ponger")!;
    await new Promise((r) => setTimeout(r, 50));
    agent.send({ type: "pong", timestamp: Date.now() });
    await eventually(async () => {
      const a = ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string; lastPingAt: string }[] }).agents.find((x) => x.agentId === "ponger")!;
      return a.lastPingAt > before.lastPingAt;
    });
    agent.close();
  });
});
