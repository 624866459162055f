/**
 * The run-twice case the kill-restart suite found, made deterministic: an agent accepts its task in time, the
 * acceptance waits in the hub's durable outbox because the web was just killed, and the restarted web must count it
 * instead of expiring the attempt ("not accepted") and handing the running task out again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIST_DIR } from "../helpers/test-build";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startFaultStack, type FaultStack } from "./support/fault-stack";
import { fetchTask } from "./support/invariants";
import { presence } from "./support/presence";

const ACCEPT_TIMEOUT_MS = 2000;
let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({ distDir: TEST_DIST_DIR, webEnv: { ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), SWEEP_INTERVAL_MS: "250" } });
});

afterAll(async () => {
  await stack?.stop();
});

const outboxDepth = async () => ((await (await fetch(`${stack.hubUrl}/health`)).json()) as { outboxDepth: number }).outboxDepth;

describe("an acceptance held in the hub's outbox while the web restarts", () => {
  it("still counts: the attempt runs to its result and the task is not offered again", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, await stack.createKey("agent"));
    agent.send({
      type: "agent-status",
      agentId: "acceptor",
      status: "online",
      capabilities: ["shell"],
      extensions: ["task-accepted", "task-result-ack", "attempt"],
    });
    await eventually(async () => (await presence(stack)).web.includes("acceptor"), 15_000, "agent listed");
    const res = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ id: "accepted-in-time", title: "once", executor: "shell", payload: {}, idempotent: false }),
    });
    expect(res.status).toBe(201);
    const frame = await agent.next((f) => f.type === "task" && f.taskId === "accepted-in-time");
    expect(frame).toMatchObject({ attempt: 1, expiresAt: expect.any(Number) });

    await stack.killWeb();
    // Accepted well before expiresAt: the hub takes it into its outbox, since the web cannot be told now.
    expect(Date.now()).toBeLessThan(frame.expiresAt as number);
    agent.send({ type: "task-accepted", taskId: "accepted-in-time", attempt: 1 });
    await eventually(async () => (await outboxDepth()) >= 1, 10_000, "acceptance held in the hub's outbox");
    await eventually(async () => Date.now() > (frame.expiresAt as number) + 500, ACCEPT_TIMEOUT_MS + 2000, "expiresAt passed while the web is down");
    await stack.startWebAgain();
    await eventually(async () => (await outboxDepth()) === 0, 30_000, "the hub's outbox drained into the restarted web");

    agent.send({ type: "task-result", taskId: "accepted-in-time", attempt: 1, status: "completed", result: { exitCode: 0 }, logs: "ran once" });
    const ack = await agent.next((f) => f.type === "task-result-ack" && f.taskId === "accepted-in-time", 15_000);
    const detail = await fetchTask(stack.api, "accepted-in-time");
    const history = JSON.stringify(detail.events.map((e) => `${e.type} #${e.attempt ?? "-"} ${e.message ?? ""}`));
    expect(ack, history).toMatchObject({ accepted: true });
    expect(detail.task.status, history).toBe("completed");
    expect(
      detail.attempts.map((a) => [a.attempt, a.outcome]),
      history,
    ).toEqual([[1, "completed"]]);
    expect(
      agent.frames.filter((f) => f.type === "task" && f.taskId === "accepted-in-time"),
      "offered again while it ran",
    ).toEqual([]);
    agent.close();
  }, 120_000);
});
