/**
 * Extension "task-accepted-ack": an agent that announces it starts a task only when the web confirms its acceptance, so an
 * acceptance lost on a socket the hub already dropped can never lead to a run the web does not know about.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgentFrame, TaskFrame } from "../../lib/protocol";
import { parseHubToAgentFrame, taskAcceptedAckFrame } from "../../lib/protocol";
import type { Executor } from "../../agent/exec/executors";
import { createLogger } from "../../agent/log";
import { ResultSpool } from "../../agent/tasks/spool";
import { TaskRunner } from "../../agent/tasks/task-runner";

let dir: string;
let sent: AgentFrame[];
let runs: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "agent-accept-ack-"));
  sent = [];
  runs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const echo: Executor = async (ctx) => {
  runs.push(ctx.taskId);
  return { status: "completed", result: { ok: true }, logs: `done ${ctx.taskId}` };
};

function loadSpool() {
  const spool = new ResultSpool(dir);
  return { spool, loaded: spool.load() };
}

function runner(spool: ResultSpool, maxConcurrency = 2) {
  return new TaskRunner({
    executors: new Map([["echo", echo]]),
    spool,
    send: (f) => (sent.push(f), true),
    taskTimeoutMs: 60_000,
    maxConcurrency,
    log: createLogger("error"),
    onLoadChange: () => undefined,
    awaitAcceptance: true,
  });
}

const task = (taskId: string, attempt: number): TaskFrame => ({ type: "task", taskId, taskType: "echo", payload: {}, attempt });
const accepted = () => sent.filter((f) => f.type === "task-accepted");
const results = () => sent.filter((f) => f.type === "task-result");

describe("TaskRunner with task-accepted-ack", () => {
  it("asks first and runs only once the web confirms", async () => {
    const { spool } = loadSpool();
    const r = runner(spool);
    r.handleTask(task("t1", 1));
    expect(accepted()).toEqual([{ type: "task-accepted", taskId: "t1", attempt: 1 }]);
    expect(spool.get("t1")?.state).toBe("accepting");
    expect(r.activeCount).toBe(1);
    r.acceptedAck("t1", 1, true, undefined);
    await vi.waitFor(() => expect(results()).toHaveLength(1));
    expect(runs).toEqual(["t1"]);
    expect(accepted()).toHaveLength(1);
  });

  it("never runs a task whose acceptance the web refused, nor a stale redelivery of that attempt; a newer attempt runs", async () => {
    const { spool } = loadSpool();
    const r = runner(spool);
    r.handleTask(task("t2", 1));
    r.acceptedAck("t2", 1, false, "acceptance is for attempt 1, but the task is on attempt 2");
    expect(spool.get("t2")).toMatchObject({ state: "declined", attempt: 1 });
    expect(r.activeCount).toBe(0);
    r.handleTask(task("t2", 1));
    expect(accepted()).toHaveLength(1);
    r.handleTask(task("t2", 2));
    expect(accepted().at(-1)).toEqual({ type: "task-accepted", taskId: "t2", attempt: 2 });
    r.acceptedAck("t2", 2, true, undefined);
    await vi.waitFor(() => expect(results()).toHaveLength(1));
    expect(runs).toEqual(["t2"]);
    expect(results()[0]).toMatchObject({ taskId: "t2", attempt: 2, status: "completed" });
  });

  it("asks again after a reconnect and ignores an answer about another attempt", () => {
    const { spool } = loadSpool();
    const r = runner(spool);
    r.handleTask(task("t3", 4));
    r.handleTask(task("t3", 4)); // the hub redelivered while the answer was on its way
    expect(accepted()).toHaveLength(2);
    r.acceptedAck("t3", 3, true, undefined);
    expect(runs).toEqual([]);
    expect(r.resendAcceptances()).toBe(1);
    expect(accepted().at(-1)).toEqual({ type: "task-accepted", taskId: "t3", attempt: 4 });
  });

  it("a restarted agent asks again for what it was accepting, and runs it when confirmed", async () => {
    runner(loadSpool().spool).handleTask(task("t4", 2));
    sent = [];
    const { spool, loaded } = loadSpool();
    expect(loaded.interrupted).toEqual([]);
    expect(loaded.accepting).toEqual([task("t4", 2)]);
    const r = runner(spool);
    r.restoreAccepting(loaded.accepting);
    expect(r.resendAcceptances()).toBe(1);
    r.acceptedAck("t4", 2, true, undefined);
    await vi.waitFor(() => expect(results()).toHaveLength(1));
    expect(runs).toEqual(["t4"]);
  });

  it("counts a task waiting for its answer against the concurrency limit", () => {
    const r = runner(loadSpool().spool, 1);
    r.handleTask(task("t5", 1));
    r.handleTask(task("t6", 1));
    expect(results()).toEqual([expect.objectContaining({ taskId: "t6", status: "failed" })]);
    expect(runs).toEqual([]);
  });

  it("the ack frame has one schema: built by the web, parsed by the agent", () => {
    const frame = taskAcceptedAckFrame("t7", 2, false, "task is already cancelled");
    expect(parseHubToAgentFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
    expect(parseHubToAgentFrame(JSON.stringify({ ...frame, accepted: "yes" })).ok).toBe(false);
  });
});
