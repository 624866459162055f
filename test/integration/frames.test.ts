import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, listAgents, listRepos, postTask, uid } from "../helpers/api";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

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
    const survivor = uid("survivor");
    agent.send({ type: "agent-status", agentId: survivor, status: "online" });
    await eventually(async () => (await listAgents(stack)).some((a) => a.agentId === survivor));
    expect(agent.closed).toBeNull();
    agent.close();
  });

  it("closes a frame above the runtime's 1 MiB cap with 1009", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send(JSON.stringify({ type: "pong", pad: "y".repeat(1_100_000) }));
    expect((await agent.waitClose(RawAgent.OVERSIZE_CLOSE_MS)).code).toBe(1009);
  });

  it("closes a client that keeps sending garbage with 1008", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    for (let i = 0; i < 12; i++) agent.send("garbage");
    expect((await agent.waitClose()).code).toBe(1008);
  });

  it("refuses a second agentId on the same connection", async () => {
    const agent = await connectAgent(stack, uid("first-id"));
    agent.send({ type: "agent-status", agentId: uid("second-id"), status: "online" });
    expect(await agent.next("error")).toMatchObject({ message: "agentId cannot change on a connection" });
    agent.close();
  });
});

describe("git-status", () => {
  it("upserts repos per agent and path, and updates them in place", async () => {
    const gitAgent = uid("git-agent");
    const agent = await connectAgent(stack, gitAgent);
    const repo = { id: "app", path: "/work/app", name: "app", branch: "main", status: "dirty", uncommittedCount: 2, modifiedFiles: ["a.ts", "b.ts"] };
    agent.send({ type: "git-status", repos: [repo, { id: "lib", path: "/work/lib", name: "lib", branch: "main", status: "clean" }] });
    await eventually(async () => (await listRepos(stack, `?agentId=${gitAgent}`)).length === 2);
    agent.send({ type: "git-status", repos: [{ ...repo, status: "ahead", uncommittedCount: 0, aheadCount: 3, modifiedFiles: [] }] });
    const ahead = await eventually(async () => (await listRepos(stack, `?status=ahead&agentId=${gitAgent}`))[0]);
    expect(ahead).toMatchObject({ id: "app", agentId: gitAgent, path: "/work/app", aheadCount: 3, uncommittedCount: 0, modifiedFiles: [] });
    const all = (await (await stack.api(`/api/cockpit/repos?agentId=${gitAgent}`)).json()) as { total: number };
    expect(all.total).toBe(2);
    agent.send({ type: "git-status", repos: [{ id: "gone", path: "/work/gone", name: "gone", error: "folder does not exist" }] });
    const broken = await eventually(async () => (await listRepos(stack, `?agentId=${gitAgent}`)).find((r) => r.id === "gone"));
    expect(broken).toMatchObject({ status: null, error: "folder does not exist" });
    agent.close();
  });
});

describe("task-result", () => {
  it("is accepted only from the agent the task went to, and only once", async () => {
    const holderId = uid("holder");
    const holder = await connectAgent(stack, holderId);
    const task = await postTask(stack, { title: "only me", targetAgentId: holderId });
    await holder.next("task");
    const intruder = await connectAgent(stack, uid("intruder"));
    intruder.send({ type: "task-result", taskId: task.id, status: "completed", result: "stolen" });
    expect(await intruder.next("error")).toMatchObject({
      message: "Task result refused",
      details: [{ taskId: task.id, reason: "task is not assigned to this agent" }],
    });
    const mid = (await (await stack.api(`/api/cockpit/tasks/${task.id}`)).json()) as { task: { status: string; result: unknown } };
    expect(mid.task.status).not.toBe("completed");

    holder.send({ type: "task-result", taskId: task.id, status: "failed", result: { error: "exit 2" }, logs: "boom" });
    expect(await holder.next("task-result-ack")).toMatchObject({ taskId: task.id, accepted: true });
    holder.send({ type: "task-result", taskId: task.id, status: "completed", result: "again" });
    expect(await holder.next("task-result-ack")).toMatchObject({ taskId: task.id, accepted: false, reason: "task is already failed" });
    const final = (await (await stack.api(`/api/cockpit/tasks/${task.id}`)).json()) as { task: Record<string, unknown>; events: { type: string }[] };
    expect(final.task).toMatchObject({ status: "failed", result: { error: "exit 2" }, logs: "boom", error: "exit 2", assignedAgentId: holderId });
    expect(final.events.map((e) => e.type)).toEqual(["created", "assigned", "delivered", "failed"]);
    holder.close();
    intruder.close();
  });
});

describe("pong", () => {
  it("updates the agent's last ping time", async () => {
    const ponger = uid("ponger");
    const agent = await connectAgent(stack, ponger);
    const lastPingAt = async () => (await listAgents(stack)).find((a) => a.agentId === ponger)!.lastPingAt;
    const before = await lastPingAt();
    // Pong until the stored time moves: a pong in the same millisecond as the connect could not show it.
    await eventually(async () => {
      agent.send({ type: "pong", timestamp: Date.now() });
      return (await lastPingAt()) > before;
    });
    agent.close();
  });
});
