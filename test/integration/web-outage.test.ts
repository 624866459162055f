/** With the web down the hub says "retry" (503), not "bad key", and keeps admitting keys it verified recently, even across its own restart. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ persistHub: true });
});
afterAll(async () => {
  await stack?.stop();
});

async function online(agentId: string): Promise<boolean> {
  const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
  return body.agents.some((a) => a.agentId === agentId);
}

describe("the hub while the web is unreachable", () => {
  it("answers 503 for a key it cannot check, admits a recently verified key after a hub restart, and catches up when the web is back", async () => {
    const key = await stack.createKey("agent", "laptop");
    const first = await RawAgent.connect(stack.wsUrl, key);
    await first.next("status-request");
    first.send({ type: "agent-status", agentId: "outage-mac", status: "online" });
    await eventually(() => online("outage-mac"), 10_000, "agent online");
    first.close();
    await eventually(async () => !(await online("outage-mac")), 10_000, "agent offline");

    await stack.stopWeb();
    expect(await RawAgent.refusedStatus(stack.wsUrl, "ck_never_issued_key_0000000000")).toBe(503);
    await stack.restartHub();
    expect(await RawAgent.refusedStatus(stack.wsUrl, "ck_never_issued_key_0000000000")).toBe(503);

    const again = await RawAgent.connect(stack.wsUrl, key);
    await again.next("status-request");
    again.send({ type: "agent-status", agentId: "outage-mac", status: "busy" });
    again.send({ type: "git-status", repos: [{ id: "r", path: "/src/during-outage", name: "during-outage", status: "dirty" }] });
    // No error: the id's owner is known to the hub; the frames wait in the outbox until the web is back.
    await stack.startWebAgain();
    await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos")).json()) as { repos: { path: string }[] };
        return body.repos.some((r) => r.path === "/src/during-outage");
      },
      20_000,
      "the outage's git-status stored",
    );
    expect(again.frames.filter((f) => f.type === "error")).toEqual([]);
    again.close();
  });
});
