import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_EXTENSIONS, connectAgent, createTask, viewTask, waitForStatus } from "../helpers/engine-agent";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  // A long accept timeout: the unaccepted delivery below is ended by the lost agent, not by expiry.
  stack = await startStack({ webEnv: { SWEEP_INTERVAL_MS: "100", ACCEPT_TIMEOUT_MS: "30000", LOST_AGENT_GRACE_MS: "600", RETRY_BACKOFF_MS: "50" } });
});
afterAll(async () => {
  await stack?.stop();
});

const NOT_RETRIED = "; it is not marked idempotent, so it is not retried automatically (retry it by hand if that is safe)";
type Flags = { idempotent: boolean };

describe("interrupted attempts", () => {
  it("does not retry a task its restarted agent reports interrupted unless it is idempotent; a manual retry still runs it", async () => {
    const agent = await connectAgent(stack, "restarter", { capabilities: ["orphan"], extensions: ALL_EXTENSIONS });
    const risky = await createTask(stack, { title: "migrate the database", requires: ["orphan"], maxAttempts: 3 });
    expect((await viewTask(stack, risky)).task as unknown as Flags).toMatchObject({ idempotent: false });
    await agent.next("task");
    agent.send({ type: "task-accepted", taskId: risky });
    agent.send({ type: "task-result", taskId: risky, status: "failed", result: { interrupted: true, error: "agent restarted while the task ran" } });
    expect(await agent.next("task-result-ack")).toMatchObject({ taskId: risky, accepted: true });
    const failed = await waitForStatus(stack, risky, "failed");
    expect(failed.task.error).toBe(`agent restarted while the task ran; the task may have partly run${NOT_RETRIED}`);
    expect(failed.attempts.map((a) => a.outcome)).toEqual(["interrupted"]);

    expect((await stack.api(`/api/cockpit/tasks/${risky}/retry`, { method: "POST" })).status).toBe(200);
    expect(await agent.next("task", 5_000)).toMatchObject({ taskId: risky, attempt: 2 });
    agent.send({ type: "task-accepted", taskId: risky });
    agent.send({ type: "task-result", taskId: risky, status: "completed", result: "ran again by hand" });
    await waitForStatus(stack, risky, "completed");

    const safe = await createTask(stack, { title: "rebuild the cache", requires: ["orphan"], maxAttempts: 3, idempotent: true });
    expect((await viewTask(stack, safe)).task as unknown as Flags).toMatchObject({ idempotent: true });
    await agent.next((f) => f.type === "task" && f.taskId === safe);
    agent.send({ type: "task-accepted", taskId: safe });
    agent.send({ type: "task-result", taskId: safe, status: "failed", result: { interrupted: true } });
    expect(await agent.next((f) => f.type === "task" && f.taskId === safe, 5_000)).toMatchObject({ attempt: 2 });
    agent.send({ type: "task-accepted", taskId: safe });
    agent.send({ type: "task-result", taskId: safe, status: "completed", result: "rebuilt" });
    const done = await waitForStatus(stack, safe, "completed");
    expect(done.attempts.map((a) => a.outcome)).toEqual(["interrupted", "completed"]);
    agent.close();
  });

  it("ends a task whose agent vanished mid-run as failed, saying it may have partly run, unless it is idempotent", async () => {
    const agent = await connectAgent(stack, "vanisher", { capabilities: ["vanish"], extensions: ALL_EXTENSIONS });
    const id = await createTask(stack, { title: "send the invoices", requires: ["vanish"], maxAttempts: 2 });
    await agent.next("task");
    agent.send({ type: "task-accepted", taskId: id });
    await waitForStatus(stack, id, "running");
    agent.ws.terminate();
    const view = await waitForStatus(stack, id, "failed");
    expect(view.task.error).toBe(`agent vanisher disconnected; the task may have partly run${NOT_RETRIED}`);
    expect(view.attempts.map((a) => [a.agentId, a.outcome])).toEqual([["vanisher", "lost"]]);
  });

  it("retries an attempt lost before its agent accepted it (it never started), idempotent or not", async () => {
    const agent = await connectAgent(stack, "never-started", { capabilities: ["unstarted"], extensions: ALL_EXTENSIONS });
    const id = await createTask(stack, { title: "not begun", requires: ["unstarted"], maxAttempts: 2 });
    await agent.next("task");
    agent.ws.terminate();
    await eventually(async () => (await viewTask(stack, id)).attempts[0]?.outcome === "lost", 10_000, "attempt 1 lost");
    const heir = await connectAgent(stack, "never-started-heir", { capabilities: ["unstarted"], extensions: ALL_EXTENSIONS });
    expect(await heir.next("task", 8_000)).toMatchObject({ taskId: id, attempt: 2 });
    heir.close();
  });

  it("refuses a non-boolean idempotent with the field named", async () => {
    const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "x", executor: "shell", idempotent: "yes" }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("idempotent");
  });
});
