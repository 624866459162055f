import "server-only";
import type { Db } from "../db/client";
import { insertAlert } from "../db/queries/alerts";
import type { AlertRow } from "../db/serialize";
import type { UsageLimit } from "../protocol/usage-limit";
import { resolveAlert } from "../alerts/raise";

/** The one door through which the subagent feature raises alerts; the alert lifecycle (issue 13) wires in here. */
export function usageLimitDedupKey(account: string): string {
  return `usage-limit:${account}`;
}

export async function raiseUsageLimit(
  db: Db,
  { agentId, taskId, limit }: { agentId: string; taskId: string; limit: UsageLimit },
): Promise<AlertRow | "duplicate"> {
  return insertAlert(
    {
      severity: "info",
      title: `Account ${limit.account} reached its usage limit`,
      message:
        `Tasks that need account:${limit.account} wait until ${limit.resetAt}${limit.reported ? "" : " (no reset time was reported; the agent's default wait)"}. ${limit.message}`.slice(
          0,
          2000,
        ),
      source: "subagent",
      agentId,
      metadata: { dedupKey: usageLimitDedupKey(limit.account), kind: "usage-limit", taskId, resetAt: limit.resetAt },
    },
    db,
  );
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
): Promise<AlertRow | "duplicate"> {
  return insertAlert(
    {
      severity: "warning",
      title: `A coding session on ${agentId} needs you`,
      message: `${message}${cwd ? ` (in ${cwd})` : ""}`.slice(0, 2000),
      source: "sessions",
      agentId,
      metadata: { dedupKey: sessionWaitingDedupKey(agentId, sessionId), kind: "session-waiting" },
    },
    db,
  );
}

/** The session moved on (working again, or ended). */
export function resolveSessionWaiting(db: Db, dedupKey: string): Promise<AlertRow | null> {
  return resolveAlert(db, dedupKey, "the session moved on");
}
