import "server-only";
import { eq } from "drizzle-orm";
import type { Notice } from "../bridge/messages";
import type { Db } from "../db/client";
import { agents } from "../db/schema";
import { errorFrame, taskAcceptedAckFrame } from "../protocol/hub-frames";
import type { AcceptOutcome } from "./lifecycle";

const ACK_EXTENSION = "task-accepted-ack";

/**
 * What the agent hears about its task-accepted. An agent that speaks "task-accepted-ack" waits for this answer before it
 * starts the task, and gets it every time (also for a repeated acceptance), so a lost answer is recovered by asking
 * again. Other agents hear only a refusal, as an error frame, as before.
 */
export async function acceptanceNotices(
  tx: Db,
  { agentId, taskId, attempt, outcome }: { agentId: string; taskId: string; attempt: number | undefined; outcome: AcceptOutcome },
): Promise<Notice[]> {
  const [agent] = await tx.select({ extensions: agents.extensions }).from(agents).where(eq(agents.id, agentId));
  if (agent?.extensions.includes(ACK_EXTENSION)) {
    const reason = outcome.refused ?? outcome.ended;
    return [{ agentId, frame: taskAcceptedAckFrame(taskId, attempt, outcome.running, outcome.running ? undefined : reason) }];
  }
  return outcome.refused ? [{ agentId, frame: errorFrame("Task acceptance refused", [{ taskId, reason: outcome.refused }]) }] : [];
}
