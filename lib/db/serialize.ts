import { changeFrame, type ChangeFrame } from "../protocol/hub-frames";
import { iso } from "../http/time";
import { gitSafetyJson } from "../git-safety/repo-json";
import type { agents, alerts, gitRepos, taskEvents, tasks } from "./schema";

/** Rows as the API returns them: ISO timestamps, spec field names. One place per entity. */
export type TaskRow = typeof tasks.$inferSelect;
export type RepoRow = typeof gitRepos.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;
export type TaskEventRow = typeof taskEvents.$inferSelect;

/** A task as lists read it: every column but its logs (lib/tasks/list.ts). */
export type TaskListRow = Omit<TaskRow, "logs">;

/** Lists leave logs out (they can be 512 KiB each); the task's own page has them. */
export function taskJson(t: TaskListRow & { logs?: TaskRow["logs"] }, options: { withLogs?: boolean } = { withLogs: true }) {
  return {
    id: t.id,
    title: t.title,
    executor: t.executor,
    payload: t.payload ?? null,
    status: t.status,
    priority: t.priority,
    requires: t.requires,
    targetAgentId: t.targetAgentId,
    assignedAgentId: t.assignedAgentId,
    attempt: t.attempt,
    maxAttempts: t.maxAttempts,
    idempotent: t.idempotent,
    /** Deliveries that expired unaccepted (not counted as attempts; each one raised maxAttempts by one). */
    expiries: t.expiries,
    result: t.result ?? null,
    logs: options.withLogs ? (t.logs ?? null) : undefined,
    error: t.error,
    createdBy: t.createdBy,
    kind: t.kind,
    parentId: t.parentId,
    dependsOn: t.dependsOn,
    timeoutMs: t.timeoutMs,
    expiresAt: iso(t.expiresAt),
    availableAt: t.availableAt > 0 ? iso(t.availableAt) : null,
    startedAt: iso(t.startedAt),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    assignedAt: iso(t.assignedAt),
    completedAt: iso(t.completedAt),
    requiresRepo: t.requiresRepo ?? null,
    provenance: t.provenance ?? null,
  };
}

export function repoJson(r: RepoRow) {
  return {
    id: r.id,
    key: r.key,
    agentId: r.agentId,
    path: r.path,
    name: r.name,
    branch: r.branch,
    status: r.status,
    uncommittedCount: r.uncommittedCount,
    aheadCount: r.aheadCount,
    behindCount: r.behindCount,
    modifiedFiles: r.modifiedFiles,
    error: r.error,
    lastChecked: iso(r.lastChecked),
    ...gitSafetyJson(r),
  };
}

export function alertJson(a: AlertRow) {
  return {
    id: a.id,
    severity: a.severity,
    title: a.title,
    message: a.message,
    source: a.source,
    agentId: a.agentId,
    metadata: a.metadata ?? null,
    acknowledged: a.acknowledged,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: iso(a.acknowledgedAt),
    createdAt: iso(a.createdAt),
    // The lifecycle (lib/alerts): `acknowledged` stays true for anything that is no longer open.
    status: a.status,
    dedupKey: a.dedupKey,
    kind: a.kind,
    taskId: a.taskId,
    repoId: a.repoId,
    count: a.count,
    lastSeenAt: iso(a.lastSeenAt ?? a.createdAt),
    triggeredAt: iso(a.triggeredAt ?? a.createdAt),
    ackComment: a.ackComment,
    resolvedAt: iso(a.resolvedAt),
    resolvedBy: a.resolvedBy,
    resolveReason: a.resolveReason,
    snoozedUntil: iso(a.snoozedUntil),
    unacknowledgedAt: iso(a.unacknowledgedAt),
    silenceId: a.silenceId,
    silencedUntil: iso(a.silencedUntil),
  };
}

/** The spec's connected-agents shape, plus what the dashboard needs. */
export function agentJson(a: AgentRow) {
  return {
    agentId: a.id,
    connectedAt: iso(a.connectedAt),
    lastPingAt: iso(a.lastPingAt),
    status: a.status,
    capabilities: a.capabilities,
    connected: a.connected,
    metadata: a.metadata ?? null,
    maxConcurrency: a.maxConcurrency,
    extensions: a.extensions,
    lastSeenAt: iso(a.lastSeenAt),
    disconnectedAt: iso(a.disconnectedAt),
    /** Fleet truth (lib/fleet/states.ts): online | paused | unreachable | asleep | stopped | crashed | offline, since when. */
    presence: a.presence,
    presenceSince: iso(a.presenceSince),
    pausedAt: iso(a.pausedAt),
    pausedBy: a.pausedBy,
    lastSleep: a.lastSleptAt !== null && a.lastWokeAt !== null ? { from: iso(a.lastSleptAt), to: iso(a.lastWokeAt) } : null,
  };
}

export function taskEventJson(e: TaskEventRow) {
  return {
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    agentId: e.agentId,
    attempt: e.attempt,
    message: e.message,
    createdAt: iso(e.createdAt),
  };
}

export type { ChangeFrame };

/** The dashboard's `change` frame for each stored row, built with the protocol's one builder. */
export const change = {
  // A task's logs (up to 512 KiB) stay out of change frames: its page reads them once and then streams task-log relays.
  task: (t: TaskRow): ChangeFrame => changeFrame("task", taskJson(t, { withLogs: false })),
  repo: (r: RepoRow): ChangeFrame => changeFrame("repo", repoJson(r)),
  alert: (a: AlertRow): ChangeFrame => changeFrame("alert", alertJson(a)),
  agent: (a: AgentRow): ChangeFrame => changeFrame("agent", agentJson(a)),
};
