import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { can, isRole } from "../../auth/roles";
import { envKeys } from "../../env";
import { getDb, type Db } from "../client";
import { agentOwners, agents, apiKeys } from "../schema";

export type AgentOwner = { keyId: string; name: string | null };

/**
 * Binds an unowned agentId to keyId and answers the owner, in one statement: the no-op update on conflict makes
 * RETURNING give the row that was already there, so two keys racing for an id both learn the same winner.
 */
export async function claimAgentId(db: Db, agentId: string, keyId: string, at = Date.now()): Promise<string> {
  const [row] = await db
    .insert(agentOwners)
    .values({ agentId, keyId, claimedAt: at })
    .onConflictDoUpdate({ target: agentOwners.agentId, set: { agentId: agentOwners.agentId } })
    .returning({ keyId: agentOwners.keyId });
  if (!row) throw new Error(`claim of ${agentId} returned no row`);
  return row.keyId;
}

export async function ownerOf(db: Db, agentId: string): Promise<string | null> {
  const row = await db.query.agentOwners.findFirst({ where: eq(agentOwners.agentId, agentId) });
  return row?.keyId ?? null;
}

/** Whether the id was ever seen: as an agent row or as an owned id. */
export async function agentIdKnown(agentId: string): Promise<boolean> {
  const db = await getDb();
  const agent = await db.query.agents.findFirst({ columns: { id: true }, where: eq(agents.id, agentId) });
  return agent !== undefined || (await ownerOf(db, agentId)) !== null;
}

/** Frees the id for the next key that registers it; returns the key that held it (null when none did). */
export async function releaseAgentId(agentId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.delete(agentOwners).where(eq(agentOwners.agentId, agentId)).returning({ keyId: agentOwners.keyId });
  return row?.keyId ?? null;
}

/** Gives the id to another key; returns the key that held it before (null when none did). */
export async function setAgentOwner(agentId: string, keyId: string, at = Date.now()): Promise<string | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const previous = await ownerOf(tx, agentId);
    await tx
      .insert(agentOwners)
      .values({ agentId, keyId, claimedAt: at })
      .onConflictDoUpdate({ target: agentOwners.agentId, set: { keyId, claimedAt: at } });
    return previous;
  });
}

/** An active key that may speak as an agent, by id (environment keys as `env:NAME`); why not, otherwise. */
export async function agentCapableKey(keyId: string): Promise<{ ok: true; name: string } | { ok: false; reason: "unknown" | "cannot act as an agent" }> {
  if (keyId.startsWith("env:")) {
    const env = envKeys().find((k) => `env:${k.name}` === keyId);
    return env ? { ok: true, name: env.name } : { ok: false, reason: "unknown" };
  }
  const db = await getDb();
  const row = await db.query.apiKeys.findFirst({ where: and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)) });
  if (!row) return { ok: false, reason: "unknown" };
  return isRole(row.role) && can(row.role, "agent") ? { ok: true, name: row.name } : { ok: false, reason: "cannot act as an agent" };
}

/** The owner key (id and name) of each listed agent; environment keys are named after their variable. */
export async function ownersOf(agentIds: readonly string[]): Promise<Map<string, AgentOwner>> {
  const owners = new Map<string, AgentOwner>();
  if (agentIds.length === 0) return owners;
  const db = await getDb();
  const rows = await db
    .select({ agentId: agentOwners.agentId, keyId: agentOwners.keyId, name: apiKeys.name })
    .from(agentOwners)
    .leftJoin(apiKeys, eq(apiKeys.id, agentOwners.keyId))
    .where(inArray(agentOwners.agentId, [...agentIds]));
  for (const r of rows) owners.set(r.agentId, { keyId: r.keyId, name: r.name ?? (r.keyId.startsWith("env:") ? r.keyId.slice(4) : null) });
  return owners;
}
