import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { taskAttempts } from "../db/schema";
import type { AlertRow } from "../db/serialize";
import { failingAgentKey, raiseFailingAgent, resolveFailingAgent } from "./alerts";

/** This many failed attempts in a row, and nothing else, means the agent fails every task it gets. */
export const FAILING_STREAK = 5;

/** Whether the newest outcomes (newest first) just reached a streak of failures: raised once, when it is reached. */
export function reachedFailingStreak(outcomes: readonly (string | null)[], streak = FAILING_STREAK): boolean {
  const failed = (o: string | null | undefined) => o === "failed" || o === "rejected";
  return outcomes.length >= streak && outcomes.slice(0, streak).every(failed) && !failed(outcomes[streak]);
}

/** After an agent's attempt ended: raise the failing-agent alert at the streak, resolve it on a completion. */
export async function checkFailingAgent(tx: Db, agentId: string, ended: string): Promise<AlertRow | null> {
  if (ended === "completed") return resolveFailingAgent(tx, failingAgentKey(agentId));
  const rows = await tx
    .select({ outcome: taskAttempts.outcome })
    .from(taskAttempts)
    .where(and(eq(taskAttempts.agentId, agentId), isNotNull(taskAttempts.endedAt)))
    .orderBy(desc(taskAttempts.endedAt), desc(taskAttempts.id))
    .limit(FAILING_STREAK + 1);
  const outcomes = rows.map((r) => r.outcome).filter((o) => o !== "expired");
  return reachedFailingStreak(outcomes) ? raiseFailingAgent(tx, agentId, FAILING_STREAK) : null;
}
