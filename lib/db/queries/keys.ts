import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { randomBytes, randomUUID } from "node:crypto";
import { sha256Hex } from "../../bridge/sign";
import type { Principal, Role } from "../../auth/roles";
import { getDb } from "../client";
import { apiKeys } from "../schema";

export async function findPrincipalByKeyHash(keyHash: string): Promise<Principal | null> {
  const db = await getDb();
  const row = await db.query.apiKeys.findFirst({ where: and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)) });
  if (!row) return null;
  return { keyId: row.id, name: row.name, role: row.role as Role };
}

export async function findPrincipalByKey(key: string): Promise<Principal | null> {
  if (key.length < 8 || key.length > 512) return null;
  return findPrincipalByKeyHash(await sha256Hex(key));
}

/** Creates a key and returns it in clear once; only its hash is stored. */
export async function createApiKey(input: { name: string; role: Role }): Promise<{ id: string; key: string; prefix: string }> {
  const db = await getDb();
  const key = `ck_${randomBytes(24).toString("base64url")}`;
  const id = `key_${randomUUID()}`;
  const prefix = key.slice(0, 7);
  await db.insert(apiKeys).values({ id, name: input.name, role: input.role, keyHash: await sha256Hex(key), prefix, createdAt: Date.now() });
  return { id, key, prefix };
}

export async function countActiveKeys(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt));
  return row?.n ?? 0;
}

export async function listApiKeys() {
  const db = await getDb();
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys);
}

export async function revokeApiKey(id: string): Promise<boolean> {
  const db = await getDb();
  const res = await db
    .update(apiKeys)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return res.rowsAffected > 0;
}
