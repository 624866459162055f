import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_EXTENSIONS, connectAgent, createTask, viewTask, waitForStatus } from "../helpers/engine-agent";
import { startStack, type Stack } from "../helpers/stack";

const ACCEPT_TIMEOUT_MS = 2000;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    webEnv: { SWEEP_INTERVAL_MS: "100", ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), LOST_AGENT_GRACE_MS: "60000", RETRY_BACKOFF_MS: "50" },
  });
});
afterAll(async () => {
  await stack?.stop();
});

type TaskWithTimes = { assignedAt: string | null; maxAttempts: number; expiries: number };

describe("a delivered but unaccepted task", () => {
  it("tells an agent that speaks extensions when the delivery expires; a spec-only agent gets the spec's frame", async () => {
    const modern = await connectAgent(stack, "modern", { capabilities: ["stamp"], extensions: ALL_EXTENSIONS });
    const id = await createTask(stack, { title: "stamped", requires: ["stamp"] });
    const frame = await modern.next("task");
    const task = (await viewTask(stack, id)).task as unknown as TaskWithTimes;
    expect(frame.expiresAt).toBe(Date.parse(task.assignedAt!) + ACCEPT_TIMEOUT_MS);
    modern.send({ type: "task-accepted", taskId: id });
    modern.send({ type: "task-result", taskId: id, status: "completed", result: null });
    await waitForStatus(stack, id, "completed");
    modern.close();

    const plain = await connectAgent(stack, "plain-stamp", { capabilities: ["plain-stamp"] });
    const plainId = await createTask(stack, { title: "spec frame", requires: ["plain-stamp"] });
    expect(await plain.next("task")).toEqual({ type: "task", taskId: plainId, taskType: "shell", payload: null });
    plain.close();
  });

  it("goes back to the queue without spending its only attempt, runs on the next agent, and the late acceptance is refused", async () => {
    const eager = await connectAgent(stack, "a-eager", { capabilities: [], extensions: ALL_EXTENSIONS });
    const mute = await connectAgent(stack, "b-mute", { capabilities: ["expire"], extensions: ALL_EXTENSIONS });
    const id = await createTask(stack, { title: "default maxAttempts", requires: ["expire"] });
    expect(await mute.next("task")).toMatchObject({ taskId: id, attempt: 1 });
    // Able to run it only after the first delivery; ordered before b-mute, so it gets the task once it is offered again.
    eager.send({ type: "agent-status", agentId: "a-eager", status: "online", capabilities: ["expire"], extensions: ALL_EXTENSIONS });
    expect(await eager.next("task", 8_000)).toMatchObject({ taskId: id, attempt: 2 });
    const expired = await viewTask(stack, id);
    expect(expired.attempts.map((a) => [a.agentId, a.outcome])).toEqual([
      ["b-mute", "expired"],
      ["a-eager", null],
    ]);
    expect(expired.events.map((e) => e.type)).toContain("expired");
    expect(expired.task as unknown as TaskWithTimes).toMatchObject({ maxAttempts: 2, expiries: 1 });

    mute.send({ type: "task-accepted", taskId: id });
    expect(await mute.next("error")).toMatchObject({
      message: "Task acceptance refused",
      details: [{ taskId: id, reason: "task is not assigned to this agent" }],
    });
    eager.send({ type: "task-accepted", taskId: id });
    eager.send({ type: "task-result", taskId: id, status: "completed", result: "second delivery ran" });
    const done = await waitForStatus(stack, id, "completed");
    expect(done.task.result).toBe("second delivery ran");
    expect(done.attempts.map((a) => [a.agentId, a.outcome])).toEqual([
      ["b-mute", "expired"],
      ["a-eager", "completed"],
    ]);
    mute.close();
    eager.close();
  });

  it("fails after 3 expired deliveries with a reason that says so, and a manual retry starts the count again", async () => {
    const mute = await connectAgent(stack, "mute-3", { capabilities: ["mute-3"], extensions: ALL_EXTENSIONS });
    const id = await createTask(stack, { title: "never started", requires: ["mute-3"] });
    for (const attempt of [1, 2, 3]) expect(await mute.next("task", 8_000)).toMatchObject({ taskId: id, attempt });
    const failed = await waitForStatus(stack, id, "failed");
    expect(failed.task.error).toBe(`not accepted within ${ACCEPT_TIMEOUT_MS} ms; 3 deliveries expired unaccepted, so the task is not offered again`);
    expect(failed.attempts.map((a) => a.outcome)).toEqual(["expired", "expired", "expired"]);

    expect((await stack.api(`/api/cockpit/tasks/${id}/retry`, { method: "POST" })).status).toBe(200);
    expect(await mute.next("task", 5_000)).toMatchObject({ taskId: id, attempt: 4 });
    mute.send({ type: "task-accepted", taskId: id });
    mute.send({ type: "task-result", taskId: id, status: "completed", result: "finally" });
    expect((await waitForStatus(stack, id, "completed")).task as unknown as TaskWithTimes).toMatchObject({ expiries: 0 });
    mute.close();
  });
});
