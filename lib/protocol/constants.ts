/**
 * The protocol's plain values, with no zod: the browser imports this module (statuses for filters and badges, the
 * room's path, limits), the schemas in this folder build on it, so a list is written once.
 */
export { LIMITS, BRIDGE_BODY_BYTES } from "./limits";

export const AGENT_STATUSES = ["online", "offline", "busy", "idle"] as const;
export const REPO_STATUSES = ["clean", "dirty", "ahead", "behind", "diverged"] as const;
export const TASK_STATUSES = ["pending", "assigned", "running", "completed", "failed", "cancelled", "timed_out"] as const;
export const TASK_RESULT_STATUSES = ["completed", "failed"] as const;
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;
export const TASK_PRIORITIES = ["urgent", "high", "medium", "low"] as const;
/** What a dashboard `change` frame can be about, and what happened to it. */
export const CHANGE_ENTITIES = ["task", "repo", "alert", "agent"] as const;
export const CHANGE_OPS = ["upsert", "delete"] as const;

export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type RepoStatus = (typeof REPO_STATUSES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** The one room, under PartyKit's default party: agents and dashboards connect to ROOM_PATH, the web POSTs commands there. */
export const ROOM_ID = "cockpit";
export const ROOM_PATH = `/parties/main/${ROOM_ID}`;
