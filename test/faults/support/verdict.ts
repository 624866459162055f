/** Reads every task back after the faults and checks the invariants; one report for the test and the soak. */
import { checkTask, describeViolations, fetchTask, readExecutions, strayExecutions, type Execution, type TaskDetail, type Violation } from "./invariants";

export type Verdict = {
  violations: Violation[];
  /** Tasks by final status, and how many ran more than once (allowed retries). */
  byStatus: Record<string, number>;
  executions: number;
  rerun: number;
  /** How many times each invariant broke. */
  byInvariant: Record<string, number>;
  report: string;
};

type Api = (path: string, init?: RequestInit) => Promise<Response>;

/** `executionsFile` holds lines only for the tasks in `taskIds` that real agents ran. */
export async function judge(api: Api, taskIds: readonly string[], executionsFile: string, reportTasks = Infinity): Promise<Verdict> {
  const executions = readExecutions(executionsFile);
  const details = new Map<string, TaskDetail>();
  const violations: Violation[] = [];
  const byStatus: Record<string, number> = {};
  // A few at a time: the web is one process on a busy machine.
  for (let i = 0; i < taskIds.length; i += 8) {
    const batch = await Promise.all(taskIds.slice(i, i + 8).map((id) => fetchTask(api, id)));
    for (const d of batch) {
      details.set(d.task.id, d);
      byStatus[d.task.status] = (byStatus[d.task.status] ?? 0) + 1;
      violations.push(...checkTask(d, executions.get(d.task.id) ?? []));
    }
  }
  violations.push(...strayExecutions(executions, new Set(taskIds)));
  const lines: Execution[][] = [...executions.values()];
  const byInvariant: Record<string, number> = {};
  for (const v of violations) byInvariant[v.invariant] = (byInvariant[v.invariant] ?? 0) + 1;
  return {
    violations,
    byStatus,
    executions: lines.reduce((n, l) => n + l.length, 0),
    rerun: lines.filter((l) => l.length > 1).length,
    byInvariant,
    report: violations.length === 0 ? "every invariant held" : describeViolations(violations, details, executions, reportTasks),
  };
}
