import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
// Short intervals stand in for the spec's 60 s ping and 2 min stale timeout.
beforeAll(async () => {
  stack = await startStack({ pingIntervalMs: 400, staleAfterMs: 1_500 });
});
afterAll(async () => {
  await stack?.stop();
});

type HubView = { agents: { agentId: string; connectedAt: string; lastPingAt: string; status: string; capabilities: string[] }[]; count: number };

describe("ping, pong and stale agents", () => {
  it("pings agents; one that answers stays, one that does not is closed, marked offline and alerted", async () => {
    const alive = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    alive.ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; timestamp?: number };
      if (frame.type === "ping") alive.send({ type: "pong", timestamp: frame.timestamp });
    });
    alive.send({ type: "agent-status", agentId: "alive", status: "online", capabilities: ["git"] });
    const silent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    silent.send({ type: "agent-status", agentId: "silent", status: "online" });

    const ping = await silent.next("ping", 5_000);
    expect(typeof ping.timestamp).toBe("number");

    const closed = await silent.waitClose(8_000);
    const silentClosedAt = Date.now();
    expect(closed).toEqual({ code: 1000, reason: "stale connection" });

    const hubView = (await (await fetch(`${stack.hubUrl}/api/agents`, { headers: { authorization: `Bearer ${stack.adminKey}` } })).json()) as HubView;
    expect(hubView.count).toBe(1);
    expect(hubView.agents[0]).toMatchObject({ agentId: "alive", status: "online", capabilities: ["git"] });
    expect(Date.parse(hubView.agents[0]!.lastPingAt)).toBeGreaterThanOrEqual(Date.parse(hubView.agents[0]!.connectedAt));

    await eventually(async () => {
      const all = (await (await stack.api("/api/cockpit/agents?all=true")).json()) as { agents: { agentId: string; connected: boolean; status: string }[] };
      const s = all.agents.find((a) => a.agentId === "silent");
      return s && !s.connected && s.status === "offline";
    });
    const alerts = (await (await stack.api("/api/cockpit/alerts?severity=warning&acknowledged=false")).json()) as {
      alerts: { title: string; agentId: string }[];
    };
    expect(alerts.alerts).toEqual([expect.objectContaining({ agentId: "silent", title: "Agent silent stopped answering pings" })]);

    // The answering agent outlives more than a stale window after that: the hub still pings it (a stale one is closed).
    await alive.next((f) => f.type === "ping" && Number(f.timestamp) > silentClosedAt + 1_600, 5_000);
    expect(alive.closed).toBeNull();
    alive.close();
  });

  it("needs a read key for the hub's agents view", async () => {
    expect((await fetch(`${stack.hubUrl}/api/agents`)).status).toBe(401);
  });
});
