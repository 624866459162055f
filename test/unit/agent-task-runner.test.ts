import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgentFrame } from "../../lib/protocol";
import type { Executor } from "../../agent/exec/executors";
import { createLogger } from "../../agent/log";
import { ResultSpool } from "../../agent/tasks/spool";
import { TaskRunner } from "../../agent/tasks/task-runner";

let dir: string;
let sent: AgentFrame[];
let runs: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "agent-runner-"));
  sent = [];
  runs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An executor that records each run and waits until aborted or 30 ms pass. */
const echo: Executor = async (ctx) => {
  runs.push(ctx.taskId);
  ctx.onOutput(`running ${ctx.taskId}\n`);
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ctx.taskId.startsWith("slow") ? 5000 : 30);
    ctx.signal.addEventListener("abort", () => (clearTimeout(t), resolve()));
  });
  return ctx.signal.aborted
    ? { status: "failed", result: { error: "cancelled", cancelled: true }, logs: "" }
    : { status: "completed", result: { ok: true }, logs: `done ${ctx.taskId}` };
};

function runner(spool = loadSpool(), maxConcurrency = 2) {
  return new TaskRunner({
    executors: new Map([["echo", echo]]),
    spool,
    send: (f) => (sent.push(f), true),
    taskTimeoutMs: 60_000,
    maxConcurrency,
    log: createLogger("error"),
    onLoadChange: () => undefined,
    logIntervalMs: 5,
  });
}
function loadSpool() {
  const spool = new ResultSpool(dir);
  spool.load();
  return spool;
}
const results = () => sent.filter((f) => f.type === "task-result");
/** Waits for the n-th result frame: the effect each step below waits for, instead of a fixed pause. */
const resultCount = (n: number) => vi.waitFor(() => expect(results()).toHaveLength(n), { timeout: 5_000 });

describe("TaskRunner", () => {
  it("accepts, streams logs, and reports a result", async () => {
    runner().handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {} });
    await resultCount(1);
    expect(sent.map((f) => f.type)).toEqual(["task-accepted", "task-log", "task-result"]);
    expect(results()[0]).toMatchObject({ taskId: "t1", status: "completed", logs: "done t1" });
  });

  it("never runs a task id twice: a redelivery gets the stored result, even after a restart", async () => {
    const first = runner();
    first.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {} });
    first.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {} }); // while running
    await resultCount(1);
    first.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {} }); // after it finished
    runner().handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {} }); // a restarted agent
    // Both answered from the stored result; a second run would have recorded itself in `runs` before any result.
    await resultCount(3);
    expect(runs).toEqual(["t1"]);
    expect(results()).toHaveLength(3);
    for (const r of results()) expect(r).toEqual(results()[0]);
  });

  it("runs a retry that comes with a higher attempt", async () => {
    const r = runner();
    r.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {}, attempt: 1 });
    await resultCount(1);
    r.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {}, attempt: 1 });
    r.handleTask({ type: "task", taskId: "t1", taskType: "echo", payload: {}, attempt: 2 });
    // The repeat of attempt 1 is answered from the store, attempt 2 runs: three results in all.
    await resultCount(3);
    expect(runs).toEqual(["t1", "t1"]);
  });

  it("echoes the task's attempt on task-accepted, every task-log and the task-result, and keeps it for a resend", async () => {
    const spool = loadSpool();
    const r = runner(spool);
    r.handleTask({ type: "task", taskId: "t5", taskType: "echo", payload: {}, attempt: 3 });
    await resultCount(1);
    expect(sent.map((f) => f.type)).toEqual(["task-accepted", "task-log", "task-result"]);
    for (const frame of sent) expect(frame).toMatchObject({ taskId: "t5", attempt: 3 });
    sent = [];
    expect(runner(loadSpool()).resendUnacknowledged()).toBe(1);
    expect(results()[0]).toMatchObject({ taskId: "t5", attempt: 3, status: "completed" });
  });

  it("echoes the attempt on results of tasks it does not run, and sends none when the hub gave none", async () => {
    runner().handleTask({ type: "task", taskId: "t6", taskType: "nope", payload: {}, attempt: 2 });
    expect(results()[0]).toMatchObject({ taskId: "t6", attempt: 2, status: "failed" });
    runner().handleTask({ type: "task", taskId: "t7", taskType: "echo", payload: {} });
    await resultCount(2);
    expect(sent.filter((f) => "taskId" in f && f.taskId === "t7").map((f) => "attempt" in f)).toEqual([false, false, false]);
  });

  it("answers an unknown executor with a failed result naming the ones it has", async () => {
    runner().handleTask({ type: "task", taskId: "t2", taskType: "nope", payload: {} });
    expect(results()[0]).toMatchObject({ status: "failed", result: { error: 'no executor named "nope" on this agent (it has: echo)' } });
    expect(runs).toEqual([]);
  });

  it("cancels on task-cancel with the hub's reason", async () => {
    const r = runner();
    r.handleTask({ type: "task", taskId: "slow1", taskType: "echo", payload: {} });
    r.cancel("slow1", "cancelled by operator");
    await resultCount(1);
    expect(results()[0]).toMatchObject({ taskId: "slow1", status: "failed", result: { error: "cancelled: cancelled by operator" } });
  });

  it("refuses beyond its concurrency and resends unacknowledged results until acked", async () => {
    const r = runner(loadSpool(), 1);
    r.handleTask({ type: "task", taskId: "slow2", taskType: "echo", payload: {} });
    r.handleTask({ type: "task", taskId: "t3", taskType: "echo", payload: {} });
    expect(results()[0]).toMatchObject({ taskId: "t3", status: "failed" });
    r.cancel("slow2", "x");
    await resultCount(2);
    sent = [];
    expect(r.resendUnacknowledged()).toBe(2);
    r.acknowledged("t3", true, undefined);
    r.acknowledged("slow2", false, "task is already cancelled");
    sent = [];
    expect(r.resendUnacknowledged()).toBe(0);
  });

  it("takes 'already completed' for its completed result as delivered, at debug level; a different ending still warns", async () => {
    const lines: string[] = [];
    const spool = loadSpool();
    const r = new TaskRunner({
      executors: new Map([["echo", echo]]),
      spool,
      send: (f) => (sent.push(f), true),
      taskTimeoutMs: 60_000,
      maxConcurrency: 2,
      log: createLogger("debug", (l) => lines.push(l)),
      onLoadChange: () => undefined,
      logIntervalMs: 5,
    });
    r.handleTask({ type: "task", taskId: "t8", taskType: "echo", payload: {} });
    r.handleTask({ type: "task", taskId: "t9", taskType: "echo", payload: {} });
    await resultCount(2);
    lines.length = 0;
    r.acknowledged("t8", false, "task is already completed");
    r.acknowledged("t9", false, "task is already failed");
    expect(lines).toEqual([
      expect.stringMatching(/ debug the hub already holds the result of task t8 \(task is already completed\); not sending it again$/),
      expect.stringMatching(/ warn {2}the hub refused the result of task t9: task is already failed$/),
    ]);
    expect(spool.get("t8")?.ack).toMatchObject({ accepted: true, reason: "task is already completed" });
    expect(spool.get("t9")?.ack).toMatchObject({ accepted: false });
    expect(r.resendUnacknowledged()).toBe(0);
  });

  it("drain lets running tasks finish within the grace, then cancels them", async () => {
    const r = runner();
    r.handleTask({ type: "task", taskId: "slow3", taskType: "echo", payload: {} });
    const started = Date.now();
    await r.drain(100);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(results()[0]).toMatchObject({ taskId: "slow3", status: "failed", result: { error: "cancelled: the agent is stopping" } });
    r.handleTask({ type: "task", taskId: "t4", taskType: "echo", payload: {} });
    expect(results()[1]).toMatchObject({ taskId: "t4", status: "failed", result: { error: "refused: the agent is shutting down" } });
  });
});
