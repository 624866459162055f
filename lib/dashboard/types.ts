import type { agentJson, alertJson, repoJson, taskEventJson, taskJson } from "../db/serialize";
import type { ChangeFrame } from "../protocol/hub-frames";

/** The REST JSON shapes, as the browser sees them (type-only: nothing server-side reaches the bundle). */
export type TaskJson = ReturnType<typeof taskJson>;
export type RepoJson = ReturnType<typeof repoJson>;
export type AlertJson = ReturnType<typeof alertJson>;
export type AgentJson = ReturnType<typeof agentJson>;
export type TaskEventJson = ReturnType<typeof taskEventJson>;

export type Entity = ChangeFrame["entity"];
export type EntityJson = { task: TaskJson; repo: RepoJson; alert: AlertJson; agent: AgentJson };

/** Plain constants, duplicated from lib/protocol so the browser does not ship zod. */
export const TASK_STATUS_LIST = ["pending", "assigned", "running", "completed", "failed", "cancelled", "timed_out"] as const;
export const REPO_STATUS_LIST = ["clean", "dirty", "ahead", "behind", "diverged"] as const;
export const ALERT_SEVERITY_LIST = ["critical", "warning", "info"] as const;
export const AGENT_STATUS_LIST = ["online", "busy", "idle", "offline"] as const;

/** One attempt of a task, as GET /api/cockpit/tasks/:id returns it. */
export type TaskAttemptJson = {
  attempt: number;
  agentId: string | null;
  assignedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  outcome: string | null;
  reason: string | null;
};
export type TaskDetailJson = { task: TaskJson; events: TaskEventJson[]; attempts: TaskAttemptJson[]; children: TaskJson[] };

export const TASK_PRIORITY_LIST = ["urgent", "high", "medium", "low"] as const;

/** A task an agent holds right now, for the agents page. */
export type ActiveTask = { id: string; title: string };
