import "server-only";
import type { ChangeFrame } from "../db/serialize";
import { change } from "../db/serialize";
import { getDb } from "../db/client";
import { assignPendingTasks } from "../scheduler/dispatch";
import { markRunning, requeue } from "../scheduler/transitions";
import type { Db } from "../db/client";
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
  const reply = await sendToHub({ deliveries, changes: all, notices: notices.filter((n) => n.frame.type === "task-cancel") as HubCommand["notices"] });
  if (deliveries.length === 0) return;
  const delivered = new Set(reply?.delivered ?? []);
  const followUps: ChangeFrame[] = [];
  for (const d of deliveries) {
    const row = delivered.has(d.taskId)
      ? await markDeliveredUnlessHandshake(db, d.taskId, d.agentId)
      : await requeue(db, d.taskId, d.agentId, reply ? "agent not connected to the hub" : "hub unreachable");
    if (row) followUps.push(change.task(row));
  }
  if (followUps.length > 0) await sendToHub({ changes: followUps });
}

/** Agents that speak the handshake stay `assigned` until they send task-accepted. */
async function markDeliveredUnlessHandshake(db: Db, taskId: string, agentId: string) {
  if (await agentSpeaks(db, agentId, "task-accepted")) return null;
  return markRunning(db, taskId, agentId, "delivered");
}
