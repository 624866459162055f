/** Pure routing rules. acceptsWork and claimOrder run in dispatch; the claim's SQL mirrors canRun (tested here). */
export type AgentForRouting = {
  id: string;
  connected: boolean;
  status: string;
  capabilities: readonly string[];
  maxConcurrency: number;
  active: number;
};

export type TaskForRouting = { requires: readonly string[]; targetAgentId: string | null };

/** Busy and offline agents take nothing; online and idle ones take up to maxConcurrency tasks. */
export function acceptsWork(agent: AgentForRouting): boolean {
  return agent.connected && (agent.status === "online" || agent.status === "idle") && agent.active < agent.maxConcurrency;
}

/** Exact capability match: every required capability must be advertised as is. No requires, no restriction. */
export function canRun(agent: AgentForRouting, task: TaskForRouting): boolean {
  if (task.targetAgentId && task.targetAgentId !== agent.id) return false;
  return task.requires.every((cap) => agent.capabilities.includes(cap));
}

/** Order in which agents get to claim: least loaded first, then by id for determinism. */
export function claimOrder<T extends AgentForRouting>(agents: readonly T[]): T[] {
  return agents.filter(acceptsWork).sort((a, b) => a.active / a.maxConcurrency - b.active / b.maxConcurrency || a.id.localeCompare(b.id));
}
