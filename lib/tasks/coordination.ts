import "server-only";
import type { Db } from "../db/client";
import type { TaskRow } from "../db/serialize";
import { transition } from "./lifecycle";
import { listBlockedByDependency, listChildOutcomes, listFanOutProgress } from "./store-due";

/**
 * Settles what follows from other tasks ending:
 * - a fan-out parent completes when every child completed, and fails as soon as any child failed, was cancelled
 *   or timed out (children still running go on; the parent's result lists every child's status);
 * - a pending task whose dependency ended unsuccessfully fails with that reason.
 */
export async function settleCoordination(db: Db): Promise<TaskRow[]> {
  const changed: TaskRow[] = [];
  for (const p of await listFanOutProgress(db)) {
    if (!p.failed_child && p.open_children > 0) continue;
    const children = await listChildOutcomes(db, { parentId: p.id });
    const result = { children: children.map((c) => ({ taskId: c.id, agentId: c.agentId, status: c.status, result: c.result ?? null })) };
    const expect = { statuses: ["running"] };
    const row = p.failed_child
      ? await transition(db, {
          taskId: p.id,
          expect,
          set: { status: "failed", result, error: `child ${p.failed_child} did not complete`, completedAt: Date.now() },
          event: { type: "failed", agentId: null, message: `child ${p.failed_child} did not complete` },
        })
      : await transition(db, {
          taskId: p.id,
          expect,
          set: { status: "completed", result, completedAt: Date.now() },
          event: { type: "completed", agentId: null, message: "all children completed" },
        });
    if (row) changed.push(row);
  }
  for (const b of await listBlockedByDependency(db)) {
    const reason = `dependency ${b.dep} ${b.dep_status === "timed_out" ? "timed out" : b.dep_status}`;
    const row = await transition(db, {
      taskId: b.id,
      expect: { statuses: ["pending"] },
      set: { status: "failed", error: reason, completedAt: Date.now() },
      event: { type: "failed", agentId: null, message: reason },
    });
    if (row) changed.push(row);
  }
  return changed;
}
