import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { audit } from "../db/queries/audit";
import { agents } from "../db/schema";
import type { AgentRow } from "../db/serialize";
import { setPresence } from "./presence";
import { connectedState } from "./states";

/**
 * Pauses (drains) or resumes an agent: a paused agent is offered nothing new and finishes what it has. The pause
 * is the web's own fact, so it survives the agent's reconnects; null when there is no such agent.
 */
export async function setPaused(agentId: string, pause: boolean, actor: string): Promise<AgentRow | null> {
  const db = await getDb();
  const at = Date.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(agents)
      .set(
        pause
          ? { pausedAt: sql`coalesce(${agents.pausedAt}, ${at})`, pausedBy: sql`coalesce(${agents.pausedBy}, ${actor})` }
          : { pausedAt: null, pausedBy: null },
      )
      .where(eq(agents.id, agentId))
      .returning();
    if (!row) return null;
    await audit({ actor, action: pause ? "agent.pause" : "agent.resume", target: agentId }, tx);
    // A pause that was already in place keeps its since-when; only a connected agent's state changes.
    if (!row.connected) return row;
    return setPresence(tx, row, connectedState(row.pausedAt), at);
  });
}
