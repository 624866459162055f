/**
 * Presence states (issue 14), plain values the browser imports too. What the socket and the agent can tell apart:
 * online (idle or busy), paused by an operator, unreachable (silent, socket given up by the hub), asleep (a gap the
 * agent reported as sleep when it woke), stopped (it said goodbye), crashed (its socket closed without one), offline
 * (not connected, nothing more known: the hub lost track of it, or it was never seen since the web started).
 */
export const PRESENCE_STATES = ["online", "paused", "unreachable", "asleep", "stopped", "crashed", "offline"] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Why the hub dropped an agent's connection (the bridge's disconnect reasons). */
export type DisconnectReason = "closed" | "stale" | "replaced" | "goodbye";

/** The state a disconnect leaves an agent in; null when it changes nothing (a newer socket replaced this one). */
export function stateAfterDisconnect(reason: DisconnectReason): PresenceState | null {
  switch (reason) {
    case "goodbye":
      return "stopped";
    case "stale":
      return "unreachable";
    case "closed":
      return "crashed";
    case "replaced":
      return null;
  }
}

/** A connected agent is paused when an operator paused it, online otherwise. */
export function connectedState(pausedAt: number | null): PresenceState {
  return pausedAt === null ? "online" : "paused";
}

/** Problems first on the agents list: crashed, unreachable, offline, asleep, stopped, paused, then online. */
const PROBLEM_RANK: Record<PresenceState, number> = { crashed: 0, unreachable: 1, offline: 2, asleep: 3, stopped: 4, paused: 5, online: 6 };

export function problemRank(state: string): number {
  return (PROBLEM_RANK as Record<string, number | undefined>)[state] ?? 2;
}

/** The words for a state with its since-when, e.g. "crashed", "unreachable since"; the caller adds the time. */
export function describeState(state: string, { active, max }: { active: number; max: number }): string {
  if (state === "online") return active === 0 ? "idle" : `busy ${active} of ${max}`;
  if (state === "paused") return active > 0 ? `draining (${active} running)` : "paused";
  if (state === "unreachable") return "unreachable since";
  return state;
}

/** How long a task held by a disconnected agent keeps its attempt, by the agent's state. */
export type LostGraces = { lostAgentGraceMs: number; silentAgentGraceMs: number; crashedAgentGraceMs: number };

export function graceFor(state: string, g: LostGraces): number {
  if (state === "crashed") return g.crashedAgentGraceMs;
  if (state === "unreachable" || state === "asleep") return g.silentAgentGraceMs;
  return g.lostAgentGraceMs;
}

/** What the agents list shows beside each agent: tasks held, success over the last hour, CPU by hour over the last day. */
export type AgentHealth = { active: number; successRate: number | null; ended: number; cpuByHour: (number | null)[] };
