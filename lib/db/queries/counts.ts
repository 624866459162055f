import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { counts } from "../schema";

/** Totals from the trigger-kept counts table: O(number of statuses), whatever the table size. */
export async function taskCountsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db.select().from(counts).where(eq(counts.scope, "task_status"));
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.key, r.n]));
}

/** Alert totals keyed "severity:acknowledged" (acknowledged stored as 0/1). */
export async function alertCounts(db: Db): Promise<{ severity: string; acknowledged: boolean; n: number }[]> {
  const rows = await db.select().from(counts).where(eq(counts.scope, "alert"));
  return rows.map((r) => {
    const [severity = "", ack = "0"] = r.key.split(":");
    return { severity, acknowledged: ack === "1", n: r.n };
  });
}
