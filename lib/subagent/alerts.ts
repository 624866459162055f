import "server-only";
import type { Db } from "../db/client";
import { insertAlert } from "../db/queries/alerts";
import type { AlertRow } from "../db/serialize";
import type { UsageLimit } from "../protocol/usage-limit";

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

/** The limit has cleared (a later run on the account completed). A no-op until the alert lifecycle lands. */
export async function resolveUsageLimit(_dedupKey: string): Promise<void> {}
