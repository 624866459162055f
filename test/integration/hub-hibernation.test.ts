/**
 * The hub with PartyKit hibernation on, whatever HUB_HIBERNATE says: workerd evicts a room that has been idle for 10 s
 * and starts a fresh instance for the next socket frame, request or alarm. Nothing the room needs may live only in
 * the memory of the instance that slept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "@/lib/bridge/sign";
import { getAgent, postTask } from "../helpers/api";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

/** Longer than workerd's 10 s of idleness before it evicts the room (with room for a slow alarm): the silent room
 * sleeps between two alarms. */
const PING_MS = 14_000;
const AGENT_ID = "sleeper";

type Health = {
  agents: number;
  hibernate: boolean;
  outbox: { batches: number; inFlight: number };
  room: { startedAt: string; startedBy: "request" | "alarm" } | null;
};

let stack: Stack;
let agent: RawAgent;

beforeAll(async () => {
  stack = await startStack({
    pingIntervalMs: PING_MS,
    staleAfterMs: 600_000,
    hubVars: { HUB_HIBERNATE: "1" },
    // The web's presence question would wake the room every second; here only the alarm does.
    webEnv: { PRESENCE_SYNC_MS: "3600000" },
  });
});

afterAll(async () => {
  agent?.close();
  await stack?.stop();
});

const health = async (): Promise<Health> => (await (await fetch(`${stack.hubUrl}/health`)).json()) as Health;

/** A signed web→hub command, as the web sends it. */
const postCommand = (headers: Record<string, string>, body: string) => fetch(`${stack.hubUrl}/parties/main/cockpit`, { method: "POST", headers, body });

describe("a hibernating room", () => {
  it("woken by its alarm after sleeping, keeps its agents, tells the web so, delivers to them and still refuses a replay", async () => {
    expect((await health()).hibernate).toBe(true);
    agent = await RawAgent.connect(stack.wsUrl, await stack.createKey("agent", "sleeper key"));
    agent.send({ type: "agent-status", agentId: AGENT_ID, status: "online", capabilities: ["sleepy"] });
    await eventually(async () => (await getAgent(stack, AGENT_ID))?.connected, 30_000, `${AGENT_ID} connected`);
    const body = JSON.stringify({ changes: [] });
    // Signed by a web clock 50 s ahead (within the allowed skew), so the signature stays valid through a slow sleep.
    const headers = await signedHeaders(stack.secret, body, Date.now() + 50_000);
    expect((await postCommand(headers, body)).status).toBe(200);

    // The agent stays silent (it does not answer pings): after a ping the room idles until workerd evicts it, and the
    // next alarm starts a fresh instance. The first ping only starts a quiet interval (nothing touches the room until
    // the next); every later ping is a barrier at which the hub must still know the agent.
    await agent.next("ping", 3 * PING_MS);
    const deadline = Date.now() + 8 * PING_MS;
    let woken: Health | null = null;
    while (!woken && Date.now() < deadline) {
      await agent.next("ping", 3 * PING_MS);
      const now = await health();
      expect(now.agents).toBe(1);
      if (now.room?.startedBy === "alarm") woken = now;
    }
    expect(woken, "the room was never started by its alarm").not.toBeNull();

    // The woken room reports its presence to the web (a fresh instance always does): the agent stays connected there.
    await eventually(
      async () => {
        const h = await health();
        return h.outbox.batches > 0 && h.outbox.inFlight === 0;
      },
      30_000,
      "the woken room's presence reached the web",
    );
    expect((await getAgent(stack, AGENT_ID))?.connected).toBe(true);

    // A task for it is delivered by the woken room.
    const task = await postTask(stack, { title: "after sleep", requires: ["sleepy"] });
    expect(await agent.next((f) => f.type === "task" && f.taskId === task.id, 30_000)).toMatchObject({ type: "task", taskId: task.id });

    // The command signed before the sleep, replayed within its window, is refused by the fresh instance.
    const replay = await postCommand(headers, body);
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain("replayed");
  });
});
