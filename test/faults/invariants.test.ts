/** The fault suite's judge must catch each broken invariant and let the allowed histories through. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTask, historyLines, readExecutions, strayExecutions, type TaskDetail } from "./support/invariants";

type Attempt = TaskDetail["attempts"][number];
const attempt = (n: number, agentId: string, outcome: string | null): Attempt => ({
  attempt: n,
  agentId,
  startedAt: null,
  endedAt: null,
  outcome,
  reason: null,
});
const event = (type: string, fromStatus: string | null, toStatus: string | null) => ({
  type,
  fromStatus,
  toStatus,
  agentId: null,
  attempt: null,
  message: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});

function task(o: {
  id?: string;
  status: string;
  idempotent?: boolean;
  attempts: Attempt[];
  terminalEvents?: number;
  result?: unknown;
  logs?: string | null;
}): TaskDetail {
  const id = o.id ?? "t1";
  const terminal = Array.from({ length: o.terminalEvents ?? (o.status === "running" ? 0 : 1) }, () => event(o.status, "running", o.status));
  return {
    task: {
      id,
      status: o.status,
      idempotent: o.idempotent ?? false,
      attempt: o.attempts.length,
      maxAttempts: 3,
      expiries: 0,
      result: "result" in o ? o.result : { exitCode: 0 },
      logs: o.logs === undefined ? `done ${id}` : o.logs,
      error: null,
    },
    events: [event("created", null, "pending"), ...terminal],
    attempts: o.attempts,
  };
}

const invariantsOf = (d: TaskDetail, runs: { attempt: number | null; agentId: string }[]) => checkTask(d, runs).map((v) => v.invariant);

describe("the fault suite's invariants", () => {
  it("accept a task completed by its only run, and a failed run that was retried", () => {
    expect(checkTask(task({ status: "completed", attempts: [attempt(1, "a", "completed")] }), [{ attempt: 1, agentId: "a" }])).toEqual([]);
    const retried = task({ status: "completed", attempts: [attempt(1, "a", "failed"), attempt(2, "b", "completed")] });
    expect(
      checkTask(retried, [
        { attempt: 1, agentId: "a" },
        { attempt: 2, agentId: "b" },
      ]),
    ).toEqual([]);
  });

  it("allow a second run after an interrupted attempt only when the task is idempotent", () => {
    const runs = [
      { attempt: 1, agentId: "a" },
      { attempt: 2, agentId: "a" },
    ];
    const attempts = [attempt(1, "a", "interrupted"), attempt(2, "a", "completed")];
    expect(checkTask(task({ status: "completed", idempotent: true, attempts }), runs)).toEqual([]);
    expect(invariantsOf(task({ status: "completed", idempotent: false, attempts }), runs)).toEqual(["no task executed twice"]);
  });

  it("flag a run of an attempt the web gave up as never accepted, one attempt run twice, and a run of another agent's attempt", () => {
    const expired = task({ status: "completed", idempotent: true, attempts: [attempt(1, "a", "expired"), attempt(2, "b", "completed")] });
    expect(
      invariantsOf(expired, [
        { attempt: 1, agentId: "a" },
        { attempt: 2, agentId: "b" },
      ]),
    ).toEqual(["no task executed twice"]);
    const once = task({ status: "completed", attempts: [attempt(1, "a", "completed")] });
    expect(
      invariantsOf(once, [
        { attempt: 1, agentId: "a" },
        { attempt: 1, agentId: "a" },
      ]),
    ).toEqual(["no task executed twice"]);
    expect(invariantsOf(once, [{ attempt: 1, agentId: "b" }])).toEqual(["executions belong to attempts", "every completed task's result stored"]);
  });

  it("flag a task still open, one that ended twice, and a completed one whose result is not the run's", () => {
    expect(invariantsOf(task({ status: "running", attempts: [attempt(1, "a", null)] }), [])).toEqual(["no task stuck"]);
    expect(invariantsOf(task({ status: "failed", terminalEvents: 2, attempts: [attempt(1, "a", "failed")] }), [{ attempt: 1, agentId: "a" }])).toEqual([
      "every task ended exactly once",
    ]);
    const unrun = task({ status: "completed", attempts: [attempt(1, "a", "completed")], result: null, logs: null });
    expect(checkTask(unrun, []).map((v) => [v.invariant, v.detail])).toEqual([
      ["every completed task's result stored", "completed by attempt 1 on a, which never ran it"],
      ["every completed task's result stored", "result is null, not the run's (exitCode 0)"],
      ["every completed task's result stored", 'logs lack the run\'s "done t1": null'],
    ]);
  });

  it("read the executions file by task and flag runs of tasks nobody created", () => {
    const dir = mkdtempSync(join(tmpdir(), "faults-judge-"));
    try {
      const file = join(dir, "executions.log");
      writeFileSync(file, "t1 1 a\nt2 ? b\nt1 2 c\n");
      const runs = readExecutions(file);
      expect([...runs.entries()]).toEqual([
        [
          "t1",
          [
            { attempt: 1, agentId: "a" },
            { attempt: 2, agentId: "c" },
          ],
        ],
        ["t2", [{ attempt: null, agentId: "b" }]],
      ]);
      expect(strayExecutions(runs, new Set(["t1"])).map((v) => v.taskId)).toEqual(["t2"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("show assigned/requeued churn in a task's history once, with its count", () => {
    const churn = [event("assigned", "pending", "assigned"), event("requeued", "assigned", "pending")];
    const lines = historyLines([event("created", null, "pending"), ...churn, ...churn, ...churn, event("assigned", "pending", "assigned")]);
    expect(lines.map((l) => l.replace(/^\S+ /, ""))).toEqual([
      "created -→pending  #- ",
      "3× assigned pending→assigned  #-  / requeued assigned→pending  #- ",
      "assigned pending→assigned  #- ",
    ]);
  });
});
