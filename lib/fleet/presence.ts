import "server-only";
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { markDisconnected } from "../db/queries/agents";
import { agentPresenceLog, agents } from "../db/schema";
import type { AgentRow, AlertRow } from "../db/serialize";
import type { AgentWakeFrame } from "../protocol/fleet-frames";
import { raiseAgentLost } from "./alerts";
import { connectedState, stateAfterDisconnect, type DisconnectReason, type PresenceState } from "./states";

/** Two wake reports whose wake times are this close describe the same gap (the agent resends it after reconnecting). */
const SAME_WAKE_MS = 5_000;

/** Sets an agent's presence (and since-when) when it changed, with a row in its history; returns the row as it is now. */
export async function setPresence(tx: Db, row: AgentRow, state: PresenceState, at: number): Promise<AgentRow> {
  if (row.presence === state && row.presenceSince !== null) return row;
  const [updated] = await tx.update(agents).set({ presence: state, presenceSince: at }).where(eq(agents.id, row.id)).returning();
  await tx.insert(agentPresenceLog).values({ agentId: row.id, state, at });
  return updated ?? row;
}

/** The hub registered the agent (agent-status, or its presence snapshot): online or paused. (Ingest resolves its lost alert.) */
export function noteConnected(tx: Db, row: AgentRow, at: number): Promise<AgentRow> {
  return setPresence(tx, row, connectedState(row.pausedAt), at);
}

/** The hub dropped the agent's socket: stopped, crashed or unreachable, by how it went; alerts for the last two. */
export async function noteDisconnected(tx: Db, agentId: string, reason: DisconnectReason, at: number): Promise<{ agent?: AgentRow; alert: AlertRow | null }> {
  const state = stateAfterDisconnect(reason);
  const marked = await markDisconnected(tx, agentId, at);
  // A presence sync may have marked it offline first (the hub had already dropped it); this event says how it went.
  const row = marked ?? (await tx.query.agents.findFirst({ where: eq(agents.id, agentId) }));
  if (!row || !state) return { agent: marked, alert: null };
  if (!marked && (row.connected || row.presence !== "offline")) return { agent: undefined, alert: null };
  const agent = await setPresence(tx, row, state, at);
  if (state === "stopped") return { agent, alert: null };
  return { agent, alert: await raiseAgentLost(tx, agentId, state === "crashed" ? "crashed" : "unreachable") };
}

/** Agents the hub no longer lists (presence sync): offline, unless they already left in a known way. */
export async function noteGone(tx: Db, rows: readonly AgentRow[], at: number): Promise<AgentRow[]> {
  const out: AgentRow[] = [];
  for (const row of rows) out.push(row.presence === "online" || row.presence === "paused" ? await setPresence(tx, row, "offline", at) : row);
  return out;
}

/**
 * The agent woke from a gap its timers noticed. Placed on the web's clock (`at` is when the hub got the report):
 * the gap's history rows that said unreachable, crashed or offline now say asleep, and it starts with an asleep row.
 * A resent report of the same gap changes nothing.
 */
export async function noteWake(tx: Db, agentId: string, frame: AgentWakeFrame, at: number): Promise<AgentRow | undefined> {
  const row = await tx.query.agents.findFirst({ where: eq(agents.id, agentId) });
  if (!row) return undefined;
  const wokeAt = at - frame.awakeForMs;
  const sleptAt = wokeAt - frame.asleepMs;
  if (row.lastWokeAt !== null && Math.abs(row.lastWokeAt - wokeAt) < SAME_WAKE_MS) return undefined;
  await tx
    .update(agentPresenceLog)
    .set({ state: "asleep" })
    .where(
      and(
        eq(agentPresenceLog.agentId, agentId),
        gte(agentPresenceLog.at, sleptAt),
        lte(agentPresenceLog.at, at),
        inArray(agentPresenceLog.state, ["unreachable", "crashed", "offline"]),
      ),
    );
  await tx.insert(agentPresenceLog).values({ agentId, state: "asleep", at: sleptAt });
  // Back to what it is now once awake, unless a reconnect row already says so.
  if (row.connected) await tx.insert(agentPresenceLog).values({ agentId, state: row.presence, at: wokeAt });
  const [updated] = await tx.update(agents).set({ lastSleptAt: sleptAt, lastWokeAt: wokeAt }).where(eq(agents.id, agentId)).returning();
  return updated;
}
