/** "Nothing lost, nothing run twice": the invariants every task must hold after the faults, each broken one named with its evidence. */
import { readFileSync } from "node:fs";

export const TERMINAL = ["completed", "failed", "cancelled", "timed_out"];

export type TaskDetail = {
  task: {
    id: string;
    status: string;
    idempotent: boolean;
    attempt: number;
    maxAttempts: number;
    expiries: number;
    result: unknown;
    logs: string | null;
    error: string | null;
  };
  events: {
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    agentId: string | null;
    attempt: number | null;
    message: string | null;
    createdAt: string;
  }[];
  attempts: { attempt: number; agentId: string; startedAt: string | null; endedAt: string | null; outcome: string | null; reason: string | null }[];
};

export type Execution = { attempt: number | null; agentId: string };
export type Violation = { invariant: string; taskId: string; detail: string };

/** Lines `<taskId> <attempt> <agentId>`, grouped by task in the order they were written. */
export function readExecutions(file: string): Map<string, Execution[]> {
  const byTask = new Map<string, Execution[]>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [taskId, attempt, agentId] = line.trim().split(" ");
    if (!taskId || !attempt || !agentId) continue;
    const list = byTask.get(taskId) ?? [];
    list.push({ attempt: /^\d+$/.test(attempt) ? Number(attempt) : null, agentId });
    byTask.set(taskId, list);
  }
  return byTask;
}

export async function fetchTask(api: (path: string, init?: RequestInit) => Promise<Response>, id: string): Promise<TaskDetail> {
  const res = await api(`/api/cockpit/tasks/${encodeURIComponent(id)}`, { signal: AbortSignal.timeout(15_000) });
  if (res.status !== 200) throw new Error(`GET /api/cockpit/tasks/${id}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as TaskDetail;
}

/** Outcomes after which running the task again is allowed: a failed run that is retried; for idempotent tasks also a cut-short one. */
function mayRunAgain(outcome: string | null, idempotent: boolean): boolean {
  if (outcome === "failed" || outcome === "timed_out") return true;
  return idempotent && (outcome === "interrupted" || outcome === "lost");
}

/** Checks one task that should have ended; `executions` are its lines in the executions file. */
export function checkTask(d: TaskDetail, executions: readonly Execution[]): Violation[] {
  const out: Violation[] = [];
  const id = d.task.id;
  const fail = (invariant: string, detail: string) => out.push({ invariant, taskId: id, detail });

  if (!TERMINAL.includes(d.task.status)) fail("no task stuck", `still ${d.task.status} (attempt ${d.task.attempt} of ${d.task.maxAttempts})`);
  const terminal = d.events.filter((e) => e.toStatus !== null && TERMINAL.includes(e.toStatus));
  if (TERMINAL.includes(d.task.status) && terminal.length !== 1)
    fail("every task ended exactly once", `${terminal.length} terminal events: ${terminal.map((e) => `${e.type}→${e.toStatus}`).join(", ")}`);

  const attemptOf = (n: number | null) => d.attempts.find((a) => a.attempt === n);
  for (const e of executions) {
    const attempt = attemptOf(e.attempt);
    if (!attempt) fail("executions belong to attempts", `${e.agentId} ran attempt ${e.attempt ?? "?"}, which the web has no record of`);
    else if (attempt.agentId !== e.agentId)
      fail("executions belong to attempts", `${e.agentId} ran attempt ${e.attempt}, which the web gave to ${attempt.agentId}`);
  }
  const byAttempt = [...executions].sort((a, b) => (a.attempt ?? 0) - (b.attempt ?? 0));
  for (let i = 1; i < byAttempt.length; i++) {
    const earlier = byAttempt[i - 1]!;
    const later = byAttempt[i]!;
    if (earlier.attempt === later.attempt) {
      fail("no task executed twice", `attempt ${later.attempt ?? "?"} ran twice (${earlier.agentId}, ${later.agentId})`);
      continue;
    }
    const ended = attemptOf(earlier.attempt);
    if (!mayRunAgain(ended?.outcome ?? null, d.task.idempotent)) {
      const what = d.task.idempotent ? "idempotent task" : "non-idempotent task";
      fail(
        "no task executed twice",
        `${what} ran attempt ${earlier.attempt} on ${earlier.agentId} (outcome ${ended?.outcome ?? "none"}) and again attempt ${later.attempt} on ${later.agentId}`,
      );
    }
  }

  if (d.task.status === "completed") {
    const completed = d.attempts.filter((a) => a.outcome === "completed");
    const result = d.task.result as { exitCode?: unknown } | null;
    if (completed.length !== 1) fail("every completed task's result stored", `${completed.length} attempts ended completed`);
    else if (!executions.some((e) => e.attempt === completed[0]!.attempt && e.agentId === completed[0]!.agentId)) {
      fail("every completed task's result stored", `completed by attempt ${completed[0]!.attempt} on ${completed[0]!.agentId}, which never ran it`);
    }
    if (result?.exitCode !== 0) fail("every completed task's result stored", `result is ${JSON.stringify(d.task.result)}, not the run's (exitCode 0)`);
    if (!d.task.logs?.includes(`done ${id}`))
      fail("every completed task's result stored", `logs lack the run's "done ${id}": ${JSON.stringify(d.task.logs?.slice(-300) ?? null)}`);
  }
  return out;
}

type EventRow = TaskDetail["events"][number];
const eventLine = (e: EventRow) => `${e.type} ${e.fromStatus ?? "-"}→${e.toStatus ?? "-"} ${e.agentId ?? ""} #${e.attempt ?? "-"} ${e.message ?? ""}`;

/** A task's history, one line per event, with a pair repeated back to back (assigned/requeued churn) shown once with its count. */
export function historyLines(events: readonly EventRow[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < events.length;) {
    const pair = events
      .slice(i, i + 2)
      .map(eventLine)
      .join(" / ");
    let repeats = 1;
    while (
      i + 2 * repeats + 1 < events.length &&
      events
        .slice(i + 2 * repeats, i + 2 * repeats + 2)
        .map(eventLine)
        .join(" / ") === pair
    )
      repeats++;
    if (repeats > 1) {
      lines.push(`${events[i]!.createdAt}…${events[i + 2 * repeats - 1]!.createdAt} ${repeats}× ${pair}`);
      i += 2 * repeats;
    } else {
      lines.push(`${events[i]!.createdAt} ${eventLine(events[i]!)}`);
      i += 1;
    }
  }
  return lines;
}

/** Each task with a broken invariant once: what broke, then its state, executions, attempts and events. */
export function describeViolations(
  violations: readonly Violation[],
  details: ReadonlyMap<string, TaskDetail>,
  executions: ReadonlyMap<string, Execution[]>,
  maxTasks = Infinity,
): string {
  const byTask = new Map<string, Violation[]>();
  for (const v of violations) byTask.set(v.taskId, [...(byTask.get(v.taskId) ?? []), v]);
  const lines: string[] = [];
  for (const [taskId, broken] of [...byTask].slice(0, maxTasks)) {
    for (const v of broken) lines.push(`✗ ${v.invariant} — task ${taskId}: ${v.detail}`);
    const d = details.get(taskId);
    if (!d) continue;
    const t = d.task;
    lines.push(
      `    task: status ${t.status}, idempotent ${t.idempotent}, attempt ${t.attempt}/${t.maxAttempts}, expiries ${t.expiries}, error ${JSON.stringify(t.error)}`,
    );
    lines.push(`    executions: ${(executions.get(taskId) ?? []).map((e) => `attempt ${e.attempt ?? "?"} on ${e.agentId}`).join(", ") || "none"}`);
    for (const a of d.attempts)
      lines.push(
        `    attempt ${a.attempt} on ${a.agentId}: started ${a.startedAt ?? "-"}, ended ${a.endedAt ?? "-"}, ${a.outcome ?? "open"}${a.reason ? ` (${a.reason})` : ""}`,
      );
    for (const line of historyLines(d.events)) lines.push(`    ${line}`);
  }
  if (byTask.size > maxTasks) lines.push(`… and ${byTask.size - maxTasks} more task(s) with broken invariants`);
  return lines.join("\n");
}

/** Execution lines naming a task that was never created: work nobody asked for. */
export function strayExecutions(executions: ReadonlyMap<string, Execution[]>, known: ReadonlySet<string>): Violation[] {
  return [...executions.keys()]
    .filter((id) => !known.has(id))
    .map((id) => ({ invariant: "executions belong to attempts", taskId: id, detail: "executed, but no such task was created" }));
}
