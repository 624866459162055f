import "server-only";
import { lt } from "drizzle-orm";
import type { HubCommand, HubEvent, HubEventBatch, HubEventReply, Notice } from "../bridge/messages";
import { getDb, type Db } from "../db/client";
import { reconcilePresence, touchAgent, upsertAgentStatus } from "../db/queries/agents";
import { noteConnected, noteDisconnected, noteGone, noteWake } from "../fleet/presence";
import { storeMetrics } from "../fleet/metrics-store";
import { checkFailingAgent } from "../fleet/failing";
import { claimAgentId } from "../db/queries/agent-owners";
import { audit } from "../db/queries/audit";
import { upsertRepos } from "../db/queries/repos";
import { hubEvents } from "../db/schema";
import { change, type ChangeFrame } from "../db/serialize";
import { errorFrame, taskResultAckFrame } from "../protocol/hub-frames";
import { assignPendingTasks } from "../tasks/dispatch";
import { mayChangeDispatch } from "../tasks/rules";
import { sendToHub } from "./client";
import { settleCoordination } from "../tasks/coordination";
import { acceptTask, applyResult, markRunning, requeue } from "../tasks/lifecycle";

type Effects = { changes: ChangeFrame[]; notices: Notice[]; owners: NonNullable<HubCommand["agentOwners"]> };

/** Two bound values per id: well below SQLite's limit on variables in one statement. */
const EVENT_IDS_PER_INSERT = 500;

/** Applies one hub event inside the caller's transaction. */
async function applyEvent(tx: Db, e: HubEvent, fx: Effects): Promise<void> {
  switch (e.kind) {
    case "agent-status": {
      // Defence in depth: the hub refuses a key that does not own the id; the web checks again before trusting it.
      const owner = e.keyId ? await claimAgentId(tx, e.agentId, e.keyId, e.at) : null;
      if (owner !== e.keyId) {
        await audit({ actor: e.keyId || "unknown key", action: "agent.claim-refused", target: e.agentId, detail: { owner, via: "ingest" } }, tx);
        fx.notices.push({
          agentId: e.agentId,
          frame: errorFrame("agentId is owned by another key", [
            { path: ["agentId"], message: `${e.agentId} belongs to another key; an admin can release or reassign it` },
          ]),
        });
        if (owner) fx.owners.push({ agentId: e.agentId, keyId: owner });
        return;
      }
      fx.changes.push(change.agent(await noteConnected(tx, await upsertAgentStatus(tx, e.frame, e.keyId, e.at), e.at)));
      return;
    }
    case "git-status": {
      for (const row of await upsertRepos(tx, e.agentId, e.frame.repos, e.at)) fx.changes.push(change.repo(row));
      return;
    }
    case "task-result": {
      const outcome = await applyResult(tx, { agentId: e.agentId, frame: e.frame });
      if (outcome.accepted) {
        if (!outcome.duplicate) fx.changes.push(change.task(outcome.task));
        if (!outcome.duplicate) {
          const failing = await checkFailingAgent(tx, e.agentId, e.frame.status);
          if (failing) fx.changes.push(change.alert(failing));
        }
        fx.notices.push({ agentId: e.agentId, frame: taskResultAckFrame(e.frame.taskId, true) });
      } else {
        fx.notices.push({ agentId: e.agentId, frame: errorFrame("Task result refused", [{ taskId: e.frame.taskId, reason: outcome.reason }]) });
        fx.notices.push({ agentId: e.agentId, frame: taskResultAckFrame(e.frame.taskId, false, outcome.reason) });
      }
      return;
    }
    case "pong":
      return touchAgent(tx, e.agentId, e.at);
    case "delivered": {
      // Agents that speak the handshake confirm with task-accepted; for the others delivery started the run at startedAt.
      if (e.startedAt === undefined) return;
      const row = await markRunning(tx, { taskId: e.taskId, agentId: e.agentId, how: "delivered", attempt: e.attempt, now: e.startedAt });
      if (row) fx.changes.push(change.task(row));
      return;
    }
    case "task-accepted": {
      const { row, refused } = await acceptTask(tx, { agentId: e.agentId, taskId: e.taskId, attempt: e.attempt });
      if (row) fx.changes.push(change.task(row));
      if (refused) fx.notices.push({ agentId: e.agentId, frame: errorFrame("Task acceptance refused", [{ taskId: e.taskId, reason: refused }]) });
      return;
    }
    case "delivery-failed": {
      const row = await requeue(tx, { taskId: e.taskId, agentId: e.agentId, reason: "agent left before the task reached it", attempt: e.attempt });
      if (row) fx.changes.push(change.task(row));
      return;
    }
    case "disconnect": {
      // Stopped (goodbye), crashed (closed without one) or unreachable (stale): see lib/fleet/presence.ts.
      const { agent, alert } = await noteDisconnected(tx, e.agentId, e.reason, e.at);
      if (agent) fx.changes.push(change.agent(agent));
      if (alert) fx.changes.push(change.alert(alert));
      return;
    }
    case "agent-wake": {
      const agent = await noteWake(tx, e.agentId, e.frame, e.at);
      if (agent) fx.changes.push(change.agent(agent));
      return;
    }
    case "agent-metrics": {
      for (const alert of await storeMetrics(tx, e.agentId, e.frame, e.at)) fx.changes.push(change.alert(alert));
      return;
    }
  }
}

/** Records the batch's event ids; returns those not seen before (a retried batch's events are already applied). */
async function recordFresh(tx: Db, events: readonly HubEvent[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  const receivedAt = Date.now();
  for (let i = 0; i < events.length; i += EVENT_IDS_PER_INSERT) {
    const values = events.slice(i, i + EVENT_IDS_PER_INSERT).map((e) => ({ id: e.id, receivedAt }));
    for (const row of await tx.insert(hubEvents).values(values).onConflictDoNothing().returning({ id: hubEvents.id })) fresh.add(row.id);
  }
  return fresh;
}

/** Stores a batch from the hub, each event once, then assigns whatever the new state allows. */
export async function ingestBatch(batch: HubEventBatch, options: { dispatch: boolean } = { dispatch: true }): Promise<HubEventReply> {
  const db = await getDb();
  const fx: Effects = { changes: [], notices: [], owners: [] };
  if (batch.presence) {
    const presence = batch.presence;
    const rows = await db.transaction(async (tx) => {
      const at = Date.now();
      const { gone, present } = await reconcilePresence(tx, presence, at);
      const connected: typeof present = [];
      for (const row of present) connected.push(await noteConnected(tx, row, at));
      return [...(await noteGone(tx, gone, at)), ...connected];
    });
    fx.changes.push(...rows.map(change.agent));
  }
  if (batch.events.length > 0) {
    // One transaction (one commit) for the whole batch: a retried batch is rolled back or applied as a whole.
    await db.transaction(async (tx) => {
      const fresh = await recordFresh(tx, batch.events);
      for (const event of batch.events) if (fresh.has(event.id)) await applyEvent(tx, event, fx);
    });
  }
  // Remind the hub who owns an id a non-owner just registered, so it closes that socket (not awaited: the hub
  // is waiting for this reply).
  if (fx.owners.length > 0) void sendToHub({ agentOwners: fx.owners }, { quiet: true });
  if (batch.events.some((e) => e.kind === "task-result")) {
    // A child or a dependency may just have ended.
    fx.changes.push(...(await settleCoordination(db)).map(change.task));
  }
  // Deliveries ride back in the reply; the hub reports each as delivered or failed in a later batch.
  const { deliveries, changed } = options.dispatch && mayChangeDispatch(batch) ? await assignPendingTasks(db) : { deliveries: [], changed: [] };
  fx.changes.push(...changed.map(change.task));
  return { ok: true, deliveries, changes: fx.changes, notices: fx.notices };
}

/** Forget applied event ids after a day; the hub never retries that late. */
export async function pruneHubEvents(olderThanMs = 24 * 3600_000): Promise<void> {
  const db = await getDb();
  await db.delete(hubEvents).where(lt(hubEvents.receivedAt, Date.now() - olderThanMs));
}
