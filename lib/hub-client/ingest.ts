import "server-only";
import { lt } from "drizzle-orm";
import type { HubCommand, HubEvent, HubEventBatch, HubEventReply, Notice } from "../bridge/messages";
import { getDb, type Db } from "../db/client";
import { reconcilePresence, touchAgent, upsertAgentStatus } from "../db/queries/agents";
import { noteConnected, noteDisconnected, noteGone, noteWake } from "../fleet/presence";
import { storeMetrics } from "../fleet/metrics-store";
import { checkFailingAgent } from "../fleet/failing";
import { claimAgentId } from "../db/queries/agent-owners";
import { alertsForTasks, resolveAgentLost } from "../alerts/cockpit-alerts";
import { audit } from "../db/queries/audit";
import { upsertRepos } from "../db/queries/repos";
import { recordTaskCommits } from "../git-safety/provenance-store";
import { raiseOfflineWithUnpushed, resolveOfflineWithUnpushed } from "../git-safety/alerts";
import { unpushedSummary } from "../git-safety/offline";
import { hubEvents } from "../db/schema";
import { change, type ChangeFrame } from "../db/serialize";
import { errorFrame, taskResultAckFrame } from "../protocol/hub-frames";
import { assignPendingTasks } from "../tasks/dispatch";
import { mayChangeDispatch } from "../tasks/rules";
import { sendToHub } from "./client";
import { settleCoordination } from "../tasks/coordination";
import { acceptTask, applyResult, markRunning, requeue } from "../tasks/lifecycle";
import { acceptanceNotices } from "../tasks/accept-ack";
import { storeLogChunk } from "../task-logs/store";
import { raiseSessionWaiting, raiseUsageLimit, resolveSessionWaiting, resolveUsageLimit, sessionWaitingDedupKey, usageLimitDedupKey } from "../subagent/alerts";
import { recordSessionEvent } from "../sessions/store";

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
      // The agent is back: its lost alert (unreachable or crashed) resolves by itself.
      const back = await resolveAgentLost(tx, e.agentId);
      if (back) fx.changes.push(change.alert(back));
      const reachable = await resolveOfflineWithUnpushed(tx, e.agentId);
      if (reachable) fx.changes.push(change.alert(reachable));
      return;
    }
    case "git-status": {
      for (const row of await upsertRepos(tx, e.agentId, e.frame.repos, e.at)) fx.changes.push(change.repo(row));
      return;
    }
    case "task-result": {
      const outcome = await applyResult(tx, { agentId: e.agentId, frame: e.frame });
      if (outcome.accepted) {
        if (!outcome.duplicate) {
          fx.changes.push(change.task(outcome.task));
          for (const alert of await alertsForTasks(tx, [outcome.task])) fx.changes.push(change.alert(alert));
        }
        if (outcome.usageLimit) {
          const alert = await raiseUsageLimit(tx, { agentId: e.agentId, taskId: e.frame.taskId, limit: outcome.usageLimit });
          if (alert) fx.changes.push(change.alert(alert));
        }
        const r = e.frame.result;
        const account = e.frame.status === "completed" && typeof r === "object" && r !== null && "account" in r ? r.account : undefined;
        const cleared = typeof account === "string" ? await resolveUsageLimit(tx, usageLimitDedupKey(account)) : null;
        if (cleared) fx.changes.push(change.alert(cleared));
        if (!outcome.duplicate) await recordTaskCommits(tx, e.frame.taskId, e.frame.provenance);
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
    case "task-log":
      // Only the holder's output is kept (the hub checked too); a chunk from anyone else is dropped here.
      await storeLogChunk(tx, { taskId: e.taskId, agentId: e.agentId, seq: e.seq, chunk: e.chunk, attempt: e.attempt, at: e.at });
      return;
    case "session-event": {
      await recordSessionEvent(tx, e.agentId, e.frame);
      // A permission prompt or an approval needs a person; a plain end of turn (Stop) does not page anyone.
      if (e.frame.event === "Notification" || e.frame.approval) {
        const alert = await raiseSessionWaiting(tx, {
          agentId: e.agentId,
          sessionId: e.frame.sessionId,
          message: e.frame.message ?? "waiting for you",
          cwd: e.frame.cwd,
        });
        if (alert) fx.changes.push(change.alert(alert));
      } else if (e.frame.state !== "waiting") {
        const moved = await resolveSessionWaiting(tx, sessionWaitingDedupKey(e.agentId, e.frame.sessionId));
        if (moved) fx.changes.push(change.alert(moved));
      }
      return;
    }
    case "delivered": {
      // Agents that speak the handshake confirm with task-accepted; for the others delivery started the run at startedAt.
      if (e.startedAt === undefined) return;
      const row = await markRunning(tx, { taskId: e.taskId, agentId: e.agentId, how: "delivered", attempt: e.attempt, now: e.startedAt });
      if (row) fx.changes.push(change.task(row));
      return;
    }
    case "task-accepted": {
      const outcome = await acceptTask(tx, { agentId: e.agentId, taskId: e.taskId, attempt: e.attempt });
      if (outcome.row) fx.changes.push(change.task(outcome.row));
      fx.notices.push(...(await acceptanceNotices(tx, { agentId: e.agentId, taskId: e.taskId, attempt: e.attempt, outcome })));
      return;
    }
    case "delivery-failed": {
      const row = await requeue(tx, { taskId: e.taskId, agentId: e.agentId, reason: e.reason ?? "agent left before the task reached it", attempt: e.attempt });
      if (row) fx.changes.push(change.task(row));
      return;
    }
    case "disconnect": {
      // Stopped (goodbye), crashed (closed without one) or unreachable (stale): see lib/fleet/presence.ts.
      const { agent, alert } = await noteDisconnected(tx, e.agentId, e.reason, e.at);
      if (agent) fx.changes.push(change.agent(agent));
      if (alert) fx.changes.push(change.alert(alert));
      // Unpushed work on a machine that left is work at risk, however it left (a replaced socket is the same machine).
      const unpushed = e.reason === "replaced" ? null : await unpushedSummary(tx, e.agentId);
      if (unpushed) {
        const row = await raiseOfflineWithUnpushed(tx, e.agentId, unpushed);
        if (row) fx.changes.push(change.alert(row));
      }
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
