import "server-only";
import { getDb, type Db } from "../client";
import { auditLog } from "../schema";
import { prepared, shaped } from "../prepared";

/** Every write by a person or script is recorded: who, what, on which row. */
export async function audit(entry: { actor: string; action: string; target?: string; detail?: unknown }, tx?: Db): Promise<void> {
  const db = tx ?? (await getDb());
  const row = shaped({ actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? null, createdAt: Date.now() });
  const insert = prepared(db, `audit insert ${row.shape}`, (d) => d.insert(auditLog).values(row.marks as never));
  await insert.run(row.bound);
}
