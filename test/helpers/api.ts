/** REST and agent helpers shared by the integration, agent and browser tests (one copy of each). */
import { randomUUID } from "node:crypto";
import type { EXTENSIONS } from "../../lib/protocol";
import { RawAgent, eventually } from "./raw-agent";
import type { Stack } from "./stack";

type Api = Pick<Stack, "api">;

/** A unique id per call, so tests sharing one stack never see each other's rows, and run alone or in any order. */
export const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export type TaskJson = {
  id: string;
  title: string;
  executor: string;
  status: string;
  assignedAgentId: string | null;
  attempt: number;
  error: string | null;
  result: unknown;
  logs: string | null;
};
export type TaskEventJson = { type: string; fromStatus: string | null; toStatus: string | null; agentId: string | null; message: string | null };
export type TaskView = {
  task: TaskJson;
  events: TaskEventJson[];
  attempts: { attempt: number; agentId: string; outcome: string | null; reason: string | null }[];
  children: { id: string; status: string; targetAgentId: string }[];
};
export type AlertJson = { id: string; severity: string; title: string; acknowledged: boolean; acknowledgedBy: string | null };
export type AgentJson = {
  agentId: string;
  status: string;
  connected: boolean;
  capabilities: string[];
  extensions: string[];
  lastPingAt: string;
  metadata: Record<string, unknown> | null;
};
export type RepoJson = {
  id: string;
  agentId: string;
  path: string;
  name: string;
  status: string | null;
  branch: string | null;
  uncommittedCount: number;
  aheadCount: number;
  behindCount: number;
  modifiedFiles: string[];
  error: string | null;
};

/** The task handshake's frame extensions (accept, live logs, cancel, result ack), checked against the protocol's names. */
export const TASK_EXTENSIONS: (typeof EXTENSIONS)[number][] = ["task-accepted", "task-log", "task-cancel", "task-result-ack"];

export const FINISHED = ["completed", "failed", "cancelled", "timed_out"];

async function json<T>(res: Response, what: string): Promise<T> {
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** POST /api/cockpit/tasks; a shell task with a title unless the body says otherwise. Throws unless 201. */
export async function postTask(stack: Api, body: Record<string, unknown>): Promise<TaskJson> {
  const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "test task", executor: "shell", ...body }) });
  if (res.status !== 201) throw new Error(`create task: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { task: TaskJson }).task;
}

export async function createTask(stack: Api, body: Record<string, unknown>): Promise<string> {
  return (await postTask(stack, body)).id;
}

export async function viewTask(stack: Api, id: string): Promise<TaskView> {
  return json<TaskView>(await stack.api(`/api/cockpit/tasks/${id}`), `task ${id}`);
}

/** The task's view once `until` holds for it. */
export function waitForTask(stack: Api, id: string, until: (view: TaskView) => boolean, timeoutMs = 10_000, label = `task ${id}`): Promise<TaskView> {
  return eventually(
    async () => {
      const view = await viewTask(stack, id);
      return until(view) ? view : null;
    },
    timeoutMs,
    label,
  );
}

export function waitForStatus(stack: Api, id: string, status: string, timeoutMs = 10_000): Promise<TaskView> {
  return waitForTask(stack, id, (v) => v.task.status === status, timeoutMs, `task ${id} ${status}`);
}

/** POST /api/cockpit/alerts; throws unless 201. */
export async function createAlert(stack: Api, body: { severity: "critical" | "warning" | "info"; title: string } & Record<string, unknown>): Promise<string> {
  const res = await stack.api("/api/cockpit/alerts", { method: "POST", body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create alert: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { alert: AlertJson }).alert.id;
}

/** One alert from the newest 200. */
export async function alertById(stack: Api, id: string): Promise<AlertJson | undefined> {
  return (await json<{ alerts: AlertJson[] }>(await stack.api("/api/cockpit/alerts?limit=200"), "alerts")).alerts.find((a) => a.id === id);
}

/** Connected agents, as the web lists them (`?all=true` adds offline ones). */
export async function listAgents(stack: Api, query = ""): Promise<AgentJson[]> {
  return (await json<{ agents: AgentJson[] }>(await stack.api(`/api/cockpit/agents${query}`), "agents")).agents;
}

/** One agent, connected or not. */
export async function getAgent(stack: Api, agentId: string): Promise<AgentJson | undefined> {
  return (await listAgents(stack, "?all=true")).find((a) => a.agentId === agentId);
}

export async function listRepos(stack: Api, query = ""): Promise<RepoJson[]> {
  return (await json<{ repos: RepoJson[] }>(await stack.api(`/api/cockpit/repos${query}`), "repos")).repos;
}

export type AgentOptions = { key?: string; status?: string; capabilities?: string[]; extensions?: string[]; maxConcurrency?: number };

/** A raw-WebSocket agent (the spec's own example client) that announced itself and is listed by the web. */
export async function connectAgent(stack: Pick<Stack, "api" | "wsUrl" | "adminKey">, agentId: string, options: AgentOptions = {}): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, options.key ?? stack.adminKey);
  const { key: _key, status = "online", capabilities = [], ...rest } = options;
  agent.send({ type: "agent-status", agentId, status, capabilities, ...rest });
  await eventually(async () => (await listAgents(stack)).some((a) => a.agentId === agentId), 10_000, `agent ${agentId} listed`);
  return agent;
}
