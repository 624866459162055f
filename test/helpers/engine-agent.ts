/** Helpers for task-engine tests: agents that speak the extensions, and task lookups. */
import { RawAgent, eventually } from "./raw-agent";
import type { Stack } from "./stack";

export type TaskView = {
  task: { id: string; status: string; assignedAgentId: string | null; attempt: number; error: string | null; result: unknown };
  events: { type: string; agentId: string | null; message: string | null }[];
  attempts: { attempt: number; agentId: string; outcome: string | null; reason: string | null }[];
  children: { id: string; status: string; targetAgentId: string }[];
};

export const ALL_EXTENSIONS = ["task-accepted", "task-log", "task-cancel", "task-result-ack"];

export async function connectAgent(stack: Stack, agentId: string, options: { capabilities?: string[]; extensions?: string[]; maxConcurrency?: number } = {}): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  agent.send({ type: "agent-status", agentId, status: "online", capabilities: options.capabilities ?? [], extensions: options.extensions, maxConcurrency: options.maxConcurrency });
  await eventually(async () => {
    const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
    return body.agents.some((a) => a.agentId === agentId);
  });
  return agent;
}

export async function createTask(stack: Stack, body: Record<string, unknown>): Promise<string> {
  const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ executor: "shell", ...body }) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { task: { id: string } }).task.id;
}

export async function viewTask(stack: Stack, id: string): Promise<TaskView> {
  return (await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as TaskView;
}

export function waitForStatus(stack: Stack, id: string, status: string, timeoutMs = 10_000): Promise<TaskView> {
  return eventually(async () => {
    const view = await viewTask(stack, id);
    return view.task.status === status ? view : null;
  }, timeoutMs, `task ${id} ${status}`);
}
