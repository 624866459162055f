import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postBridge } from "../helpers/bridge";
import { ALL_EXTENSIONS, connectAgent, createTask, viewTask, waitForStatus } from "../helpers/engine-agent";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

/** Agents that echo the task frame's attempt. */
const ATTEMPT_AWARE = [...ALL_EXTENSIONS, "attempt"];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ webEnv: { SWEEP_INTERVAL_MS: "100", ACCEPT_TIMEOUT_MS: "5000", LOST_AGENT_GRACE_MS: "600", RETRY_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await stack?.stop();
});

describe("results and acceptances name their attempt", () => {
  it("refuses the late result of an attempt lost with its agent; the current attempt's result completes the task", async () => {
    let agent = await connectAgent(stack, "returner", { capabilities: ["comeback"], extensions: ATTEMPT_AWARE });
    const id = await createTask(stack, { title: "survives a vanishing agent", requires: ["comeback"], maxAttempts: 2, idempotent: true });
    expect(await agent.next("task")).toMatchObject({ taskId: id, attempt: 1 });
    agent.send({ type: "task-accepted", taskId: id, attempt: 1 });
    await waitForStatus(stack, id, "running");
    agent.ws.terminate();
    await eventually(async () => (await viewTask(stack, id)).attempts[0]?.outcome === "lost", 10_000, "attempt 1 lost");

    agent = await connectAgent(stack, "returner", { capabilities: ["comeback"], extensions: ATTEMPT_AWARE });
    expect(await agent.next("task", 8_000)).toMatchObject({ taskId: id, attempt: 2 });
    agent.send({ type: "task-result", taskId: id, attempt: 1, status: "completed", result: "from attempt 1" });
    const stale = await agent.next("task-result-ack");
    expect(stale).toMatchObject({ taskId: id, accepted: false, reason: "result is for attempt 1, but the task is on attempt 2" });

    // A late acceptance of attempt 1 (as the hub forwards it) does not start attempt 2 either.
    const late = await postBridge(stack, "/api/hub/events", {
      events: [{ id: `late-accept-${id}`, at: Date.now(), agentId: "returner", kind: "task-accepted", taskId: id, attempt: 1 }],
    });
    const reply = (await late.json()) as { notices: { frame: { message: string; details: unknown[] } }[] };
    expect(reply.notices).toEqual([
      {
        agentId: "returner",
        frame: {
          type: "error",
          message: "Task acceptance refused",
          details: [{ taskId: id, reason: "acceptance is for attempt 1, but the task is on attempt 2" }],
        },
      },
    ]);
    expect((await viewTask(stack, id)).task.status).toBe("assigned");

    agent.send({ type: "task-accepted", taskId: id, attempt: 2 });
    await waitForStatus(stack, id, "running");
    agent.send({ type: "task-result", taskId: id, attempt: 2, status: "completed", result: "from attempt 2" });
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: id, accepted: true });
    const view = await waitForStatus(stack, id, "completed");
    expect(view.task.result).toBe("from attempt 2");
    expect(view.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "lost"],
      [2, "completed"],
    ]);
    expect(view.events.filter((e) => e.type === "completed")).toHaveLength(1);
    agent.close();
  });

  it("keeps the spec's rule for results without an attempt: the agent holding the task completes it", async () => {
    const agent = await connectAgent(stack, "plain", { capabilities: ["plain"] });
    const id = await createTask(stack, { title: "spec-only", requires: ["plain"] });
    expect(await agent.next("task")).not.toHaveProperty("attempt");
    agent.send({ type: "task-result", taskId: id, status: "completed", result: 42 });
    expect((await waitForStatus(stack, id, "completed")).task.result).toBe(42);
    agent.close();
  });
});

describe("a result resent after a hub crash", () => {
  it("is acknowledged as accepted when the web already stored it for the same attempt and agent, and changes nothing", async () => {
    let agent = await connectAgent(stack, "resender", { capabilities: ["resend"], extensions: ATTEMPT_AWARE });
    const id = await createTask(stack, { title: "finished before the crash", requires: ["resend"] });
    await agent.next("task");
    agent.send({ type: "task-accepted", taskId: id, attempt: 1 });
    const result = { type: "task-result", taskId: id, attempt: 1, status: "completed", result: { exitCode: 0 }, logs: "ok\n" };
    agent.send(result);
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: id, accepted: true });
    const stored = await waitForStatus(stack, id, "completed");

    await stack.restartHub();
    agent = await connectAgent(stack, "resender", { capabilities: ["resend"], extensions: ATTEMPT_AWARE });
    agent.send(result);
    expect(await agent.next("task-result-ack")).toEqual({ type: "task-result-ack", taskId: id, accepted: true });
    // The spec's form (no attempt) of the same result is the same resend.
    agent.send({ ...result, attempt: undefined });
    expect(await agent.next("task-result-ack")).toEqual({ type: "task-result-ack", taskId: id, accepted: true });
    // Another outcome for the same attempt is not a resend.
    agent.send({ ...result, status: "failed", result: { exitCode: 1 } });
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: id, accepted: false, reason: "task is already completed" });

    const after = await viewTask(stack, id);
    expect(after.task).toEqual(stored.task);
    expect(after.events.filter((e) => e.type === "completed")).toHaveLength(1);
    // The only refusal is the conflicting one; the resends drew none.
    expect(agent.frames.filter((f) => f.type === "error")).toEqual([
      { type: "error", message: "Task result refused", details: [{ taskId: id, reason: "task is already completed" }] },
    ]);
    agent.close();
  });

  it("is acknowledged for a failed attempt whose retry is under way, without disturbing the retry", async () => {
    const agent = await connectAgent(stack, "retry-resender", { capabilities: ["resend-retry"], extensions: ATTEMPT_AWARE });
    const id = await createTask(stack, { title: "fails once", requires: ["resend-retry"], maxAttempts: 2 });
    await agent.next("task");
    agent.send({ type: "task-accepted", taskId: id, attempt: 1 });
    const failure = { type: "task-result", taskId: id, attempt: 1, status: "failed", result: { error: "flaky" } };
    agent.send(failure);
    expect(await agent.next("task-result-ack")).toMatchObject({ accepted: true });
    expect(await agent.next("task", 5_000)).toMatchObject({ taskId: id, attempt: 2 });
    agent.send(failure);
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: id, accepted: true });
    agent.send({ type: "task-accepted", taskId: id, attempt: 2 });
    agent.send({ type: "task-result", taskId: id, attempt: 2, status: "completed", result: "second time lucky" });
    const done = await waitForStatus(stack, id, "completed");
    expect(done.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "failed"],
      [2, "completed"],
    ]);
    agent.close();
  });
});
