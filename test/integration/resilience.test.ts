import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAgent, createTask, listAgents, listRepos, uid } from "../helpers/api";
import { RawAgent, eventually, type Frame } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const repoCount = async (agentId: string) => ((await (await stack.api(`/api/cockpit/repos?limit=200&agentId=${agentId}`)).json()) as { total: number }).total;

describe("hub ↔ web bridge", () => {
  it("loses no agent event while the web restarts in the middle of traffic", async () => {
    const steady = uid("steady");
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: steady, status: "online" });
    const sendRepos = (from: number, to: number) => {
      for (let i = from; i < to; i++) agent.send({ type: "git-status", repos: [{ id: `r${i}`, path: `/src/r${i}`, name: `r${i}`, status: "clean" }] });
    };
    sendRepos(0, 20);
    await eventually(async () => (await repoCount(steady)) === 20, 15_000, "first 20 repos");

    await stack.stopWeb();
    sendRepos(20, 60); // arrives while the web is down: must wait in the hub's outbox
    agent.send({ type: "agent-status", agentId: steady, status: "busy" });
    await agent.barrier(); // the hub has taken every frame into its outbox before the web comes back
    await stack.startWebAgain();

    await eventually(async () => (await repoCount(steady)) === 60, 30_000, "all 60 repos after the restart");
    const agents = await listAgents(stack);
    expect(agents.filter((a) => a.agentId === steady)).toEqual([expect.objectContaining({ agentId: steady, status: "busy" })]);
    agent.close();
  });

  it("a frame naming one path twice is applied, last one winning, and does not hold up later events", async () => {
    const twice = uid("twice");
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: twice, status: "online" });
    const same = { id: "dup", path: "/src/dup", name: "dup", status: "clean" };
    agent.send({ type: "git-status", repos: [same, { ...same, status: "dirty" }] });
    agent.send({ type: "git-status", repos: [{ id: "after", path: "/src/after", name: "after", status: "clean" }] });
    await eventually(
      async () => (await listRepos(stack, `?agentId=${twice}`)).some((r) => r.id === "after"),
      15_000,
      "the repo sent after the duplicate-path frame",
    );
    const dup = await listRepos(stack, `?agentId=${twice}`);
    expect(dup.filter((r) => r.id === "dup")).toEqual([expect.objectContaining({ status: "dirty" })]);
    agent.close();
  });

  it("streams every durable change to dashboards", async () => {
    const viewerKey = await stack.createKey("viewer");
    const dashboard = await RawAgent.connect(stack.wsUrl, viewerKey);
    const [streamer, capability, alertId, repoId] = [uid("streamer"), uid("stream"), uid("a-live"), uid("live")];
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: streamer, status: "online", capabilities: [capability] });
    expect(await dashboard.next((f) => f.type === "change" && f.entity === "agent" && (f.data as { agentId: string }).agentId === streamer)).toBeTruthy();

    agent.send({ type: "git-status", repos: [{ id: repoId, path: `/${repoId}`, name: "live", status: "dirty" }] });
    const about = (entity: string, id: string) => (f: Frame) => f.type === "change" && f.entity === entity && (f.data as { id: string }).id === id;
    expect(await dashboard.next(about("repo", repoId))).toMatchObject({ op: "upsert", data: { id: repoId, status: "dirty" } });

    await stack.api("/api/cockpit/alerts", { method: "POST", body: JSON.stringify({ id: alertId, severity: "critical", title: "fire" }) });
    expect(await dashboard.next(about("alert", alertId))).toMatchObject({ data: { id: alertId, acknowledged: false } });
    await stack.api(`/api/cockpit/alerts/ack/${alertId}`, { method: "POST" });
    expect(await dashboard.next(about("alert", alertId))).toMatchObject({ data: { id: alertId, acknowledged: true } });

    const task = await createTask(stack, { title: "watch me", requires: [capability] });
    const taskChange = (status: string) => (f: Frame) => about("task", task)(f) && (f.data as { status: string }).status === status;
    await dashboard.next(taskChange("running"));
    agent.send({ type: "task-result", taskId: task, status: "completed", result: "ok" });
    await dashboard.next(taskChange("completed"));
    dashboard.close();
    agent.close();
  });

  it("marks agents offline when the hub restarts, and back online when they reconnect", async () => {
    const phoenix = uid("phoenix");
    const agent = await connectAgent(stack, phoenix);
    await stack.restartHub();
    await agent.waitClose();
    await eventually(
      async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 0,
      15_000,
      "hub restart marks agents offline",
    );
    const again = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    again.send({ type: "agent-status", agentId: phoenix, status: "online" });
    await eventually(async () => (await listAgents(stack)).some((a) => a.agentId === phoenix));
    again.close();
  });
});
