import "server-only";
import { getDb, type Db } from "../client";
import { auditLog } from "../schema";

/** Every write by a person or script is recorded: who, what, on which row. */
export async function audit(entry: { actor: string; action: string; target?: string; detail?: unknown }, tx?: Db): Promise<void> {
  const db = tx ?? (await getDb());
  await db
    .insert(auditLog)
    .values({ actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? null, createdAt: Date.now() });
}
