import "server-only";
import type { Notice } from "../bridge/messages";
import type { Db } from "../db/client";
import type { TaskRow } from "../db/serialize";
import { taskCancelFrame } from "../protocol/hub-frames";
import { settleCoordination } from "./coordination";
import { endAttempt, expireAttempt, transition } from "./lifecycle";
import { listHeldByLostAgents, listOverdue, listQueueExpired, listUnaccepted } from "./store-due";

/** `hubSettledBefore`: events the hub received before it are stored here (see lib/hub-client/settled.ts); default now. */
/** Graces for tasks held by a disconnected agent: `lostAgentGraceMs` by default, the others by its presence (default: the same). */
export type SweepOptions = {
  acceptTimeoutMs: number;
  lostAgentGraceMs: number;
  silentAgentGraceMs?: number;
  crashedAgentGraceMs?: number;
  now?: number;
  hubSettledBefore?: number;
};
export type SweepResult = { changed: TaskRow[]; notices: Notice[] };

/** Time-driven transitions: unaccepted deliveries, queue expiry, run timeouts, lost agents, coordination. */
export async function sweep(db: Db, options: SweepOptions): Promise<SweepResult> {
  const { acceptTimeoutMs, lostAgentGraceMs, now = Date.now(), hubSettledBefore = now } = options;
  const graces = {
    lostAgentGraceMs,
    silentAgentGraceMs: options.silentAgentGraceMs ?? lostAgentGraceMs,
    crashedAgentGraceMs: options.crashedAgentGraceMs ?? lostAgentGraceMs,
  };
  const changed: TaskRow[] = [];
  const notices: Notice[] = [];
  const keep = (row: TaskRow | null) => row && changed.push(row);

  // Assigned but never accepted (or never confirmed delivered) in time: the frame's expiresAt passed, the agent must
  // not start it any more; offered again without spending an attempt. Only once the hub has passed on everything it
  // received before the deadline: an acceptance held in its outbox while the web was down still counts.
  const settled = Math.min(now, hubSettledBefore);
  for (const task of await listUnaccepted(db, { assignedBefore: settled - acceptTimeoutMs }))
    keep(await expireAttempt(db, { task, reason: `not accepted within ${acceptTimeoutMs} ms` }));

  // Never picked up before its queue deadline.
  for (const t of await listQueueExpired(db, { now })) {
    keep(
      await transition(db, {
        taskId: t.id,
        expect: { statuses: ["pending"] },
        set: { status: "timed_out", error: "expired", completedAt: now },
        event: { type: "timed_out", agentId: null, message: "expired" },
      }),
    );
  }

  // Ran longer than its run timeout: tell the agent to stop, end the attempt as timed_out.
  for (const task of await listOverdue(db, { now })) {
    const row = await endAttempt(db, { task, outcome: "timed_out", reason: `ran longer than ${task.timeoutMs} ms` });
    if (row && task.assignedAgentId) notices.push({ agentId: task.assignedAgentId, frame: taskCancelFrame(task.id, "run timeout") });
    keep(row);
  }

  // Held by an agent gone longer than its state's grace: offered again (per the idempotent rule), its late result refused.
  for (const task of await listHeldByLostAgents(db, { now, graces })) {
    keep(await endAttempt(db, { task, outcome: "lost", reason: `agent ${task.assignedAgentId} disconnected` }));
  }

  changed.push(...(await settleCoordination(db)));
  return { changed, notices };
}
