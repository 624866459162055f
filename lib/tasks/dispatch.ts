import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { taskFrame } from "../protocol/hub-frames";
import { delivery as deliverySchema, type Delivery } from "../bridge/messages";
import type { Db } from "../db/client";
import { agents } from "../db/schema";
import { change, type TaskRow } from "../db/serialize";
import { env } from "../env";
import { failUndeliverable, runningRow } from "./lifecycle";
import { claimOrder } from "./rules";
import { activeTasksByAgent } from "./store";
import { claimTask, countClaimable } from "./store-claim";

/** A schema's complaints as one line: `frame.taskId: Too big: expected string to have <=128 characters`. */
function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
    .join("; ")
    .slice(0, 500);
}

/** A round claims at most this many, so its count reads no more index entries than that; the next round takes the rest. */
const ROUND_CLAIMS_MAX = 5_000;

/**
 * Hands pending tasks to connected agents, one per agent per round, so work spreads across agents. The accept
 * timeout (for expiresAt) is read from the environment only when an agent that speaks extensions gets a task.
 */
export async function assignPendingTasks(db: Db, timings: { acceptTimeoutMs?: number } = {}): Promise<{ deliveries: Delivery[]; changed: TaskRow[] }> {
  const now = Date.now();
  const acceptDeadline = () => now + (timings.acceptTimeoutMs ?? env().ACCEPT_TIMEOUT_MS);
  // Tasks created after this count are dispatched by their own creator's call; retries coming due by the sweep's.
  let claimable = await countClaimable(db, { now, atMost: ROUND_CLAIMS_MAX });
  if (claimable === 0) return { deliveries: [], changed: [] };
  // Only what routing needs: an agent row's metadata and health can be large, and this runs on every write.
  const connected = await db
    .select({
      id: agents.id,
      connected: agents.connected,
      status: agents.status,
      capabilities: agents.capabilities,
      maxConcurrency: agents.maxConcurrency,
      extensions: agents.extensions,
    })
    .from(agents)
    // A paused agent (operator's pause / drain) takes nothing new.
    .where(and(eq(agents.connected, true), inArray(agents.status, ["online", "idle"]), isNull(agents.pausedAt)));
  if (connected.length === 0) return { deliveries: [], changed: [] };
  const active = await activeTasksByAgent(db);
  let candidates = claimOrder(connected.map((a) => ({ ...a, active: active.get(a.id)?.length ?? 0 })));
  const deliveries: Delivery[] = [];
  const changed: TaskRow[] = [];
  while (candidates.length > 0 && claimable > 0) {
    const next: typeof candidates = [];
    for (const agent of candidates) {
      const task = await claimTask(db, { agentId: agent.id, capabilities: agent.capabilities, maxConcurrency: agent.maxConcurrency, now });
      if (!task) continue;
      // Spec-only agents get the spec's frame exactly; agents that announced extensions also get the attempt, the run
      // timeout and expiresAt: the moment the sweep gives the attempt up if it is not accepted by then.
      const extra =
        agent.extensions.length === 0
          ? {}
          : {
              attempt: task.attempt,
              ...(task.timeoutMs ? { timeoutMs: task.timeoutMs } : {}),
              expiresAt: acceptDeadline(),
              ...(task.requiresRepo ? { requiresRepo: task.requiresRepo } : {}),
            };
      // Without the accept handshake, delivery is acceptance: the delivery carries the `running` row the web stores then.
      const startedAt = Date.now();
      const onDelivered = agent.extensions.includes("task-accepted") ? {} : { onDelivered: { startedAt, change: change.task(runningRow(task, startedAt)) } };
      const candidate: Delivery = { agentId: agent.id, taskId: task.id, frame: taskFrame(task.id, task.executor, task.payload ?? null, extra), ...onDelivered };
      // A delivery that breaks the protocol never leaves (a hub may refuse the whole command over it): its task fails
      // with the reason instead of taking every other task in the command back to the queue, again and again.
      const checked = deliverySchema.safeParse(candidate);
      if (!checked.success) {
        changed.push(
          (await failUndeliverable(db, { taskId: task.id, agentId: agent.id, attempt: task.attempt, reason: describeIssues(checked.error.issues) })) ?? task,
        );
        next.push(agent);
      } else {
        changed.push(task);
        deliveries.push(candidate);
        if (agent.active + 1 < agent.maxConcurrency) next.push({ ...agent, active: agent.active + 1 });
      }
      // Every task counted as claimable is taken: the other agents would only find nothing.
      if (--claimable === 0) break;
    }
    candidates = next;
  }
  return { deliveries, changed };
}
