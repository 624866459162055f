import { list } from "./task-form";

/** What the create form knows of the fleet: connected agents' capabilities (executors among them) and reported repos. */
export type FormAgent = { id: string; capabilities: string[]; paused: boolean };
export type TaskFormOptions = { agents: FormAgent[]; capabilities: string[]; repos: string[] };

export type Reach = { agents: number; withExecutor: number; paused: number };

/**
 * How many connected agents could take a task with these fields, by the scheduler's rule (they announce every
 * required capability, and are the target if one is named); how many of those also announce the executor, and how
 * many are paused (they take it once resumed).
 */
export function reachOf(agents: readonly FormAgent[], form: { executor: string; requires: string[]; targetAgentId: string }): Reach {
  const able = agents.filter((a) => (!form.targetAgentId || a.id === form.targetAgentId) && form.requires.every((c) => a.capabilities.includes(c)));
  const ready = able.filter((a) => !a.paused);
  return { agents: ready.length, withExecutor: ready.filter((a) => a.capabilities.includes(form.executor)).length, paused: able.length - ready.length };
}

/** The fields reachOf reads, from the form as it is now. */
export function reachInput(form: FormData) {
  return {
    executor: String(form.get("executor") ?? "").trim(),
    requires: list(form.get("requires")),
    targetAgentId: String(form.get("targetAgentId") ?? "").trim(),
  };
}

export function reachText(r: Reach, executor: string): string {
  const paused = r.paused > 0 ? ` (${r.paused} more paused)` : "";
  if (r.agents === 0) return `No connected agent could take it now${paused}; it waits in the queue until one can.`;
  const agents = `${r.agents} connected agent${r.agents === 1 ? "" : "s"} could take it`;
  const exec = executor
    ? `; ${r.withExecutor === r.agents ? (r.agents === 1 ? "it announces" : "all announce") : `${r.withExecutor} announce`} the executor “${executor}”`
    : "";
  return `${agents}${exec}${paused}.`;
}
