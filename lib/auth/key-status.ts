import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../db/client";
import { apiKeys } from "../db/schema";
import { envKeys } from "../env";

/** Whether the key a session was opened with still stands: a revoked key ends its sessions too. */
export async function isKeyActive(keyId: string): Promise<boolean> {
  if (keyId.startsWith("env:")) return envKeys().some((k) => `env:${k.name}` === keyId);
  const db = await getDb();
  const row = await db.query.apiKeys.findFirst({ columns: { id: true }, where: and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)) });
  return row !== undefined;
}
