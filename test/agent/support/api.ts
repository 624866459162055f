import type { Stack } from "../../helpers/stack";

export type RepoJson = { path: string; name: string; status: string | null; branch: string | null; uncommittedCount: number; aheadCount: number; behindCount: number; modifiedFiles: string[]; error: string | null };
export type TaskJson = { id: string; status: string; result: unknown; logs: string | null; error?: string | null; assignedAgentId?: string | null };
export type TaskEventJson = { type: string; fromStatus: string | null; toStatus: string | null; agentId: string | null };
export type AgentJson = { agentId: string; status: string; connected: boolean; capabilities: string[]; extensions: string[]; metadata: Record<string, unknown> | null };

export async function listRepos(stack: Stack, query = ""): Promise<RepoJson[]> {
  const res = await stack.api(`/api/cockpit/repos${query}`);
  if (res.status !== 200) throw new Error(`repos: ${res.status}`);
  return ((await res.json()) as { repos: RepoJson[] }).repos;
}

export async function createTask(stack: Stack, body: Record<string, unknown>): Promise<string> {
  const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "agent test", ...body }) });
  if (res.status !== 201) throw new Error(`create task: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { task: { id: string } }).task.id;
}

export async function getTask(stack: Stack, id: string): Promise<{ task: TaskJson; events: TaskEventJson[] }> {
  const res = await stack.api(`/api/cockpit/tasks/${id}`);
  if (res.status !== 200) throw new Error(`task ${id}: ${res.status}`);
  return (await res.json()) as { task: TaskJson; events: TaskEventJson[] };
}

export async function getAgent(stack: Stack, agentId: string): Promise<AgentJson | undefined> {
  const res = await stack.api("/api/cockpit/agents?all=true");
  return ((await res.json()) as { agents: AgentJson[] }).agents.find((a) => a.agentId === agentId);
}

export const FINISHED = ["completed", "failed", "cancelled", "timed_out"];
