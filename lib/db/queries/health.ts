import "server-only";
import { getDb } from "../client";
import { healthProbe } from "../schema";

/** Rewrites the one probe row: a commit that needs the disk, so a full, read-only or failing disk makes it throw. */
export async function probeWrite(): Promise<void> {
  const db = await getDb();
  const checkedAt = Date.now();
  await db.insert(healthProbe).values({ id: 1, checkedAt }).onConflictDoUpdate({ target: healthProbe.id, set: { checkedAt } });
}
