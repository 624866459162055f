import "server-only";
import type { Db } from "../db/client";
import type { AlertRow } from "../db/serialize";
import type { UsageLimit } from "../protocol/usage-limit";
import { raiseAlert, resolveAlert } from "../alerts/raise";

/** The one door through which the subagent feature raises and resolves alerts, by stable keys (lib/alerts/raise.ts). */
export function usageLimitDedupKey(account: string): string {
  return `usage-limit:${account}`;
}

export async function raiseUsageLimit(db: Db, { agentId, taskId, limit }: { agentId: string; taskId: string; limit: UsageLimit }): Promise<AlertRow | null> {
  const { row } = await raiseAlert(db, {
    dedupKey: usageLimitDedupKey(limit.account),
    kind: "usage-limit",
    taskId,
    severity: "info",
    title: `Account ${limit.account} reached its usage limit`,
    message:
      `Tasks that need account:${limit.account} wait until ${limit.resetAt}${limit.reported ? "" : " (no reset time was reported; the agent's default wait)"}. ${limit.message}`.slice(
        0,
        2000,
      ),
    source: "subagent",
    agentId,
    metadata: { kind: "usage-limit", taskId, resetAt: limit.resetAt },
  });
  return row;
}

/** The limit has cleared (a later run on the account completed). */
export function resolveUsageLimit(db: Db, dedupKey: string): Promise<AlertRow | null> {
  return resolveAlert(db, dedupKey, "a later run on the account completed");
}

export function sessionWaitingDedupKey(agentId: string, sessionId: string): string {
  return `session-waiting:${agentId}:${sessionId}`;
}

/** A coding session needs its user (a permission prompt, an idle prompt, an approval): a notification-worthy fact. */
export async function raiseSessionWaiting(
  db: Db,
  { agentId, sessionId, message, cwd }: { agentId: string; sessionId: string; message: string; cwd?: string },
): Promise<AlertRow | null> {
  const { row } = await raiseAlert(db, {
    dedupKey: sessionWaitingDedupKey(agentId, sessionId),
    kind: "session-waiting",
    severity: "warning",
    title: `A coding session on ${agentId} needs you`,
    message: `${message}${cwd ? ` (in ${cwd})` : ""}`.slice(0, 2000),
    source: "sessions",
    agentId,
    metadata: { kind: "session-waiting" },
  });
  return row;
}

/** The session moved on (working again, or ended). */
export function resolveSessionWaiting(db: Db, dedupKey: string): Promise<AlertRow | null> {
  return resolveAlert(db, dedupKey, "the session moved on");
}
