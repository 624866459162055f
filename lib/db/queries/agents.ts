import "server-only";
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import type { AgentStatusFrame } from "../../protocol/agent-frames";
import type { PresenceEntry } from "../../bridge/messages";
import { getDb, type Db } from "../client";
import { agents } from "../schema";
import type { AgentRow } from "../serialize";
import { claimAgentId } from "./agent-owners";

export async function listAgents(f: { connected?: boolean } = {}): Promise<AgentRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(agents)
    .where(f.connected === undefined ? undefined : eq(agents.connected, f.connected))
    .orderBy(desc(agents.connected), agents.id);
}

export async function upsertAgentStatus(tx: Db, frame: AgentStatusFrame, keyId: string, at: number): Promise<AgentRow> {
  const existing = await tx.query.agents.findFirst({ where: eq(agents.id, frame.agentId) });
  const values = {
    id: frame.agentId,
    status: frame.status,
    connected: true,
    capabilities: frame.capabilities ?? existing?.capabilities ?? [],
    metadata: frame.metadata ?? existing?.metadata ?? null,
    maxConcurrency: frame.maxConcurrency ?? existing?.maxConcurrency ?? 1,
    extensions: frame.extensions ?? existing?.extensions ?? [],
    keyId,
    connectedAt: existing?.connected ? (existing.connectedAt ?? at) : at,
    lastPingAt: existing?.connected ? (existing.lastPingAt ?? at) : at,
    lastSeenAt: at,
    disconnectedAt: null,
  };
  const [row] = await tx.insert(agents).values(values).onConflictDoUpdate({ target: agents.id, set: values }).returning();
  return row!;
}

export async function touchAgent(tx: Db, agentId: string, at: number): Promise<void> {
  await tx.update(agents).set({ lastPingAt: at, lastSeenAt: at }).where(eq(agents.id, agentId));
}

export async function markDisconnected(tx: Db, agentId: string, at: number): Promise<AgentRow | undefined> {
  const [row] = await tx
    .update(agents)
    .set({ connected: false, status: "offline", disconnectedAt: at, lastSeenAt: at })
    .where(and(eq(agents.id, agentId), eq(agents.connected, true)))
    .returning();
  return row;
}

/**
 * The hub's word on who is connected wins: everyone else is marked offline, everyone listed online. An entry that
 * names a key which does not own its agentId counts as absent (defence in depth: the hub refuses such sockets).
 */
export async function reconcilePresence(tx: Db, snapshot: PresenceEntry[], at: number): Promise<{ gone: AgentRow[]; present: AgentRow[] }> {
  const presence: PresenceEntry[] = [];
  for (const p of snapshot) if (!p.keyId || (await claimAgentId(tx, p.agentId, p.keyId, at)) === p.keyId) presence.push(p);
  const ids = presence.map((p) => p.agentId);
  const gone = await tx
    .update(agents)
    .set({ connected: false, status: "offline", disconnectedAt: at })
    .where(and(eq(agents.connected, true), ids.length ? notInArray(agents.id, ids) : sql`1 = 1`))
    .returning();
  const present: AgentRow[] = [];
  for (const p of presence) {
    const values = {
      id: p.agentId,
      status: p.status,
      connected: true,
      capabilities: p.capabilities,
      metadata: p.metadata ?? null,
      maxConcurrency: p.maxConcurrency,
      extensions: p.extensions,
      ...(p.keyId ? { keyId: p.keyId } : {}),
      connectedAt: p.connectedAt,
      lastPingAt: p.lastPingAt,
      lastSeenAt: at,
      disconnectedAt: null,
    };
    const [row] = await tx.insert(agents).values(values).onConflictDoUpdate({ target: agents.id, set: values }).returning();
    if (row) present.push(row);
  }
  return { gone, present };
}
