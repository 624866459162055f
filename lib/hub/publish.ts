import "server-only";
import { change, type ChangeFrame } from "../db/serialize";
import { getDb } from "../db/client";
import { assignPendingTasks } from "../scheduler/dispatch";
import { failUndeliverable, markRunning, requeue } from "../scheduler/transitions";
import { agentSpeaks } from "../db/queries/agents";
import { sendToHub } from "./client";
import type { HubCommand, Notice } from "../bridge/messages";

/**
 * After a REST write: assign what can be assigned, push task frames and dashboard changes through the hub.
 * Calls run side by side: each claim is one atomic statement, and dashboards order changes by updatedAt. (A
 * process-wide queue here once held every POST behind the previous one's hub round trips: 9 s p50 at 200 tasks/s.)
 */
export async function dispatchAndPublish(changes: ChangeFrame[] = [], notices: Notice[] = []): Promise<void> {
  const db = await getDb();
  const { deliveries, changed } = await assignPendingTasks(db);
  const all = [...changes, ...changed.map(change.task)];
  if (deliveries.length === 0 && all.length === 0 && notices.length === 0) return;
  // For spec-only agents delivery is acceptance: the hub broadcasts the `running` row itself once the frame is out,
  // and the web stores the same row afterwards, at the same instant, so one round trip serves both.
  const at = Date.now();
  const handshake = new Map<string, boolean>();
  for (const d of deliveries) if (!handshake.has(d.agentId)) handshake.set(d.agentId, await agentSpeaks(db, d.agentId, "task-accepted"));
  const claimed = new Map(changed.map((t) => [t.id, t]));
  const withRunning = deliveries.map((d) => {
    const row = claimed.get(d.taskId);
    return handshake.get(d.agentId) || !row ? d : { ...d, onDelivered: change.task({ ...row, status: "running", startedAt: at, updatedAt: at }) };
  });
  const reply = await sendToHub({ deliveries: withRunning, changes: all, notices: notices.filter((n) => n.frame.type === "task-cancel") as HubCommand["notices"] });
  if (deliveries.length === 0) return;
  const delivered = new Set(reply?.delivered ?? []);
  const rejected = new Map((reply?.rejected ?? []).map((r) => [r.taskId, r.reason]));
  const followUps: ChangeFrame[] = [];
  for (const d of deliveries) {
    const attempt = claimed.get(d.taskId)?.attempt;
    if (delivered.has(d.taskId)) {
      if (!handshake.get(d.agentId)) await markRunning(db, d.taskId, d.agentId, "delivered", attempt, at);
      continue;
    }
    // The hub refused this delivery as invalid: offering it again would only be refused again.
    const refusal = rejected.get(d.taskId);
    const row =
      refusal !== undefined && attempt !== undefined
        ? await failUndeliverable(db, d.taskId, d.agentId, attempt, refusal)
        : await requeue(db, d.taskId, d.agentId, reply ? "agent not connected to the hub" : "hub unreachable", attempt);
    if (row) followUps.push(change.task(row));
  }
  // Only a failed hand-over needs a second message: the dashboards saw `assigned` and must see `pending` (or `failed`).
  if (followUps.length > 0) await sendToHub({ changes: followUps });
}
