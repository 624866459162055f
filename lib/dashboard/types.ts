import type { MergeCheckView } from "../git-safety/merge-check-view";
import type { agentJson, alertJson, repoJson, taskEventJson, taskJson } from "../db/serialize";
import type { ChangeEntity } from "../protocol/constants";
import type { silenceJson } from "../alerts/silence-json";

/** The REST JSON shapes, as the browser sees them (type-only: nothing server-side reaches the bundle). */
export type TaskJson = ReturnType<typeof taskJson>;
export type RepoJson = ReturnType<typeof repoJson>;
export type AlertJson = ReturnType<typeof alertJson>;
export type AgentJson = ReturnType<typeof agentJson>;
export type SilenceJson = ReturnType<typeof silenceJson>;
export type TaskEventJson = ReturnType<typeof taskEventJson>;
/** The conflict radar's finding (GET /api/cockpit/repos/conflicts). */
export type RepoConflictJson = {
  identity: string;
  files: string[];
  a: { agentId: string; branch: string | null; path: string; head: string | null; unpushedCount: number };
  b: { agentId: string; branch: string | null; path: string; head: string | null; unpushedCount: number };
  mergeCheck: MergeCheckView | null;
};
/** A checkout holding work no remote has (GET /api/cockpit/repos/at-risk). */
export type WorkAtRiskJson = RepoJson & { atRiskSince: string | null; agentConnected: boolean; agentDisconnectedAt: string | null };

export type Entity = ChangeEntity;
export type EntityJson = { task: TaskJson; repo: RepoJson; alert: AlertJson; agent: AgentJson };

/** The protocol's lists, from its zod-free module (the browser does not ship zod). */
export {
  TASK_STATUSES as TASK_STATUS_LIST,
  REPO_STATUSES as REPO_STATUS_LIST,
  ALERT_SEVERITIES as ALERT_SEVERITY_LIST,
  AGENT_STATUSES as AGENT_STATUS_LIST,
  TASK_PRIORITIES as TASK_PRIORITY_LIST,
} from "../protocol/constants";

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
export type TaskDetailJson = {
  task: TaskJson;
  /** Why a pending git-gated task has no agent yet ("waiting: no agent reports repo X clean on main (…)"), else null. */
  waiting: string | null;
  events: TaskEventJson[];
  attempts: TaskAttemptJson[];
  children: TaskJson[];
};

/** A task an agent holds right now, for the agents page. */
export type ActiveTask = { id: string; title: string };

/** An alert's page: the row, its timeline and its delivery log (lib/alerts/detail.ts builds it). */
export type AlertDetailJson = {
  alert: AlertJson;
  events: { id: number; type: string; actor: string | null; message: string | null; at: string | null }[];
  deliveries: {
    id: number;
    channelId: string;
    channelName: string | null;
    channelType: string | null;
    event: string;
    result: string;
    httpStatus: number | null;
    error: string | null;
    at: string | null;
  }[];
  outbox: { id: number; channelId: string; event: string; status: string; attempts: number; nextAttemptAt: string | null; sentAt: string | null }[];
};
