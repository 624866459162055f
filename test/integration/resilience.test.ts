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

const repoCount = async () => ((await (await stack.api("/api/cockpit/repos?limit=200")).json()) as { total: number }).total;

describe("hub ↔ web bridge", () => {
  it("loses no agent event while the web restarts in the middle of traffic", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "steady", status: "online" });
    const sendRepos = (from: number, to: number) => {
      for (let i = from; i < to; i++) agent.send({ type: "git-status", repos: [{ id: `r${i}`, path: `/src/r${i}`, name: `r${i}`, status: "clean" }] });
    };
    sendRepos(0, 20);
    await eventually(async () => (await repoCount()) === 20, 15_000, "first 20 repos");

    await stack.stopWeb();
    sendRepos(20, 60); // arrives while the web is down: must wait in the hub's outbox
    agent.send({ type: "agent-status", agentId: "steady", status: "busy" });
    await new Promise((r) => setTimeout(r, 500));
    await stack.startWebAgain();

    await eventually(async () => (await repoCount()) === 60, 30_000, "all 60 repos after the restart");
    const agents = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string; status: string }[] };
    expect(agents.agents).toEqual([expect.objectContaining({ agentId: "steady", status: "busy" })]);
    agent.close();
  });

  it("a frame naming one path twice is applied, last one winning, and does not hold up later events", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "twice", status: "online" });
    const same = { id: "dup", path: "/src/dup", name: "dup", status: "clean" };
    agent.send({ type: "git-status", repos: [same, { ...same, status: "dirty" }] });
    agent.send({ type: "git-status", repos: [{ id: "after", path: "/src/after", name: "after", status: "clean" }] });
    await eventually(async () => {
      const body = (await (await stack.api("/api/cockpit/repos?agentId=twice")).json()) as { repos: { id: string }[] };
      return body.repos.some((r) => r.id === "after");
    }, 15_000, "the repo sent after the duplicate-path frame");
    const dup = (await (await stack.api("/api/cockpit/repos?agentId=twice")).json()) as { repos: { id: string; status: string }[] };
    expect(dup.repos.filter((r) => r.id === "dup")).toEqual([expect.objectContaining({ status: "dirty" })]);
    agent.close();
  });

  it("streams every durable change to dashboards", async () => {
    const viewerKey = await stack.createKey("viewer");
    const dashboard = await RawAgent.connect(stack.wsUrl, viewerKey);
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "streamer", status: "online" });
    expect(await dashboard.next((f) => f.type === "change" && f.entity === "agent" && (f.data as { agentId: string }).agentId === "streamer")).toBeTruthy();

    agent.send({ type: "git-status", repos: [{ id: "live", path: "/live", name: "live", status: "dirty" }] });
    expect(await dashboard.next((f) => f.type === "change" && f.entity === "repo")).toMatchObject({ op: "upsert", data: { id: "live", status: "dirty" } });

    await stack.api("/api/cockpit/alerts", { method: "POST", body: JSON.stringify({ id: "a-live", severity: "critical", title: "fire" }) });
    expect(await dashboard.next((f) => f.type === "change" && f.entity === "alert")).toMatchObject({ data: { id: "a-live", acknowledged: false } });
    await stack.api("/api/cockpit/alerts/ack/a-live", { method: "POST" });
    expect(await dashboard.next((f) => f.type === "change" && f.entity === "alert")).toMatchObject({ data: { id: "a-live", acknowledged: true } });

    const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "watch me", executor: "shell" }) });
    const { task } = (await res.json()) as { task: { id: string } };
    await dashboard.next((f) => f.type === "change" && f.entity === "task" && (f.data as { id: string; status: string }).id === task.id && (f.data as { status: string }).status === "running");
    agent.send({ type: "task-result", taskId: task.id, status: "completed", result: "ok" });
    await dashboard.next((f) => f.type === "change" && f.entity === "task" && (f.data as { status: string }).status === "completed");
    dashboard.close();
    agent.close();
  });

  it("marks agents offline when the hub restarts, and back online when they reconnect", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "phoenix", status: "online" });
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] }).agents.some((a) => a.agentId === "phoenix"));
    await stack.restartHub();
    await agent.waitClose();
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 0, 15_000, "hub restart marks agents offline");
    const again = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    again.send({ type: "agent-status", agentId: "phoenix", status: "online" });
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] }).agents.some((a) => a.agentId === "phoenix"));
    again.close();
  });
});
