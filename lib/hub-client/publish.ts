import "server-only";
import { change, type ChangeFrame, type TaskRow } from "../db/serialize";
import { getDb } from "../db/client";
import { assignPendingTasks } from "../tasks/dispatch";
import { failUndeliverable, requeue } from "../tasks/lifecycle";
import { env } from "../env";
import { sendToHub, sendToHubOutcome } from "./client";
import { coalesce } from "./coalesce";
import type { HubCommand, Notice } from "../bridge/messages";

type Publication = { changes: ChangeFrame[]; notices: Notice[] };

/** Concurrent REST writes share one round: one claim pass and one web→hub command for all of them (see coalesce.ts). */
const publishRounds = coalesce<Publication, TaskRow[]>((items) =>
  publishRound(
    items.flatMap((i) => i.changes),
    items.flatMap((i) => i.notices),
  ),
);

/**
 * After a REST write: assign what can be assigned, push task frames and dashboard changes through the hub. Resolves
 * once the round that carried these changes has reached the hub (or requeued what it could not deliver), with the
 * tasks that round claimed, as it claimed them.
 */
export function dispatchAndPublish(changes: ChangeFrame[] = [], notices: Notice[] = []): Promise<TaskRow[]> {
  return publishRounds([{ changes, notices }]);
}

/** Changes handed to publishBehind whose round has not finished yet. */
let unpublished = 0;
/** Past this many, callers wait for their own round: a script creating faster than the hub takes them cannot grow the web's memory without bound. */
const UNPUBLISHED_LIMIT = 5_000;

/**
 * For a write whose answer does not depend on what dispatch does (bulk creates): the round runs on while the caller
 * answers, so the answer does not wait for the hub to take 1,000 change frames. Its rows are committed first, so a
 * round that fails loses nothing (the next round or the sweep offers them, as when dispatch fails in the request).
 * `mustWait` when too much is still on its way: the caller then waits for `settled`, which never rejects.
 */
export function publishBehind(changes: ChangeFrame[]): { settled: Promise<void>; mustWait: boolean } {
  unpublished += changes.length;
  const mustWait = unpublished > UNPUBLISHED_LIMIT;
  const settled = dispatchAndPublish(changes).then(
    () => undefined,
    (error: unknown) => console.error("publishing created tasks failed (they stay pending for the next round):", error),
  );
  void settled.finally(() => (unpublished -= changes.length));
  return { settled, mustWait };
}

/** One round: each claim is one atomic statement, and dashboards order changes by updatedAt. */
async function publishRound(changes: ChangeFrame[], notices: Notice[]): Promise<TaskRow[]> {
  const db = await getDb();
  const { deliveries, changed } = await assignPendingTasks(db);
  const all = [...changes, ...changed.map(change.task)];
  if (deliveries.length === 0 && all.length === 0 && notices.length === 0) return changed;
  // The hub hands a delivery over only until the moment the sweep may give it up (assignedAt + accept timeout).
  const deadline = new Map(changed.map((t) => [t.id, (t.assignedAt ?? Date.now()) + env().ACCEPT_TIMEOUT_MS]));
  const sent = await sendToHubOutcome({
    deliveries: deliveries.map((d) => ({ ...d, deliverBy: deadline.get(d.taskId) })),
    changes: all,
    notices: notices.filter((n) => n.frame.type === "task-cancel") as HubCommand["notices"],
  });
  const reply = sent.reply;
  if (deliveries.length === 0) return changed;
  // A timeout is not a refusal: a slow hub may still deliver. Offering the task again now could make two live
  // deliveries of one attempt, so the tasks stay assigned until the hub reports each (delivered, or failed past its
  // deliverBy), or the sweep expires the attempt once the hub has reported everything it received by then.
  if (!reply && sent.uncertain) {
    console.warn(`hub did not answer; ${deliveries.length} delivery(ies) wait for the hub's report`);
    return changed;
  }
  // Whether a delivery reached its agent comes back as a delivered / delivery-failed event, as for every delivery.
  // Settled here is only what the hub never took on: a delivery it refused as invalid, or all of them when it got nothing.
  const rejected = new Map((reply?.rejected ?? []).map((r) => [r.taskId, r.reason]));
  const attempts = new Map(changed.map((t) => [t.id, t.attempt]));
  const followUps: ChangeFrame[] = [];
  const takenBack = new Set<string>();
  for (const d of deliveries) {
    const attempt = attempts.get(d.taskId);
    const refusal = rejected.get(d.taskId);
    if (reply && refusal === undefined) continue;
    // Offering a refused delivery again would only be refused again.
    const row =
      refusal !== undefined && attempt !== undefined
        ? await failUndeliverable(db, { taskId: d.taskId, agentId: d.agentId, attempt, reason: refusal })
        : await requeue(db, { taskId: d.taskId, agentId: d.agentId, reason: "hub unreachable", attempt });
    takenBack.add(d.taskId);
    if (row) followUps.push(change.task(row));
  }
  // The dashboards saw `assigned` and must see `pending` (or `failed`).
  if (followUps.length > 0) await sendToHub({ changes: followUps });
  // A delivery taken back is no longer as claimed: its callers read it again.
  return changed.filter((t) => !takenBack.has(t.id));
}
