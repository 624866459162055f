import "server-only";
import { gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { accountHolds } from "../db/schema";
import type { UsageLimit } from "../protocol/usage-limit";

/** Holds the account until its reset; a later reset wins over an earlier one, never the other way round. */
export async function holdAccount(
  db: Db,
  { limit, agentId, taskId, now }: { limit: UsageLimit; agentId: string; taskId: string; now: number },
): Promise<number> {
  const until = Date.parse(limit.resetAt);
  await db
    .insert(accountHolds)
    .values({ account: limit.account, until, reason: limit.message, agentId, taskId, createdAt: now })
    .onConflictDoUpdate({
      target: accountHolds.account,
      set: { until: sql`max(${accountHolds.until}, excluded.until)`, reason: limit.message, agentId, taskId, createdAt: now },
    });
  return until;
}

/** Accounts held right now. */
export async function listAccountHolds(db: Db, now = Date.now()) {
  return db.select().from(accountHolds).where(gt(accountHolds.until, now));
}
