import { z } from "zod";
import { LIMITS } from "./limits";
import { agentGoodbyeFrame, agentMetricsFrame, agentWakeFrame } from "./fleet-frames";
import { sessionEventFrame } from "./session-frames";
import { AGENT_STATUSES, REPO_STATUSES, TASK_RESULT_STATUSES, attemptSchema, boundedJson, capabilitiesSchema, idSchema, metadataSchema } from "./common";
import { gitSafetyFields, provenanceSchema } from "./git-safety";

/** Frames an agent sends to the hub: the spec's four, field for field, plus bounds. */
export const agentStatusFrame = z.object({
  type: z.literal("agent-status"),
  agentId: idSchema,
  status: z.enum(AGENT_STATUSES),
  capabilities: capabilitiesSchema.optional(),
  metadata: metadataSchema.optional(),
  /** Extension: how many tasks this agent runs at once (default 1). */
  maxConcurrency: z.number().int().min(1).max(64).optional(),
  /** Extension frames this agent speaks (see EXTENSIONS); absent means the spec's protocol only. */
  extensions: z.array(z.string().max(32)).max(16).optional(),
});

export const gitRepoSchema = z.object({
  id: idSchema,
  path: z.string().min(1).max(LIMITS.path),
  name: z.string().min(1).max(LIMITS.name),
  branch: z.string().max(LIMITS.name).optional(),
  status: z.enum(REPO_STATUSES).optional(),
  uncommittedCount: z.number().int().min(0).max(10_000_000).optional(),
  aheadCount: z.number().int().min(0).max(10_000_000).optional(),
  behindCount: z.number().int().min(0).max(10_000_000).optional(),
  modifiedFiles: z.array(z.string().max(LIMITS.path)).max(LIMITS.modifiedFiles).optional(),
  /** Extension: why the agent could not read this repository (missing folder, not a repo); status is then absent. */
  error: z.string().max(500).optional(),
  /** Extension (git safety): unpushed work, stashes, remote identity, worktrees; see git-safety.ts. */
  ...gitSafetyFields,
});

export const gitStatusFrame = z.object({
  type: z.literal("git-status"),
  repos: z.array(gitRepoSchema).max(LIMITS.reposPerFrame),
});

export const taskResultFrame = z.object({
  type: z.literal("task-result"),
  taskId: idSchema,
  result: boundedJson(LIMITS.resultBytes),
  status: z.enum(TASK_RESULT_STATUSES),
  logs: z.string().max(LIMITS.logs).optional(),
  /** Extension "attempt": the attempt this result belongs to (echoed from the task frame); a stale attempt is refused. */
  attempt: attemptSchema.optional(),
  /** Extension (git safety): what the task did to the repository it ran in. */
  provenance: provenanceSchema.optional(),
});

export const pongFrame = z.object({
  type: z.literal("pong"),
  timestamp: z.number().finite().optional(),
});

/** Extension: a slice of a running task's output, relayed live to dashboards (final logs come with the result). */
export const taskLogFrame = z.object({
  type: z.literal("task-log"),
  taskId: idSchema,
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  chunk: z.string().max(64 * 1024),
  attempt: attemptSchema.optional(),
});

/** Extension: the agent took the task and started it (assigned → running). */
export const taskAcceptedFrame = z.object({ type: z.literal("task-accepted"), taskId: idSchema, attempt: attemptSchema.optional() });

export const agentFrame = z.discriminatedUnion("type", [
  agentStatusFrame,
  gitStatusFrame,
  taskResultFrame,
  pongFrame,
  taskLogFrame,
  taskAcceptedFrame,
  // Fleet extensions (lib/protocol/fleet-frames.ts): goodbye, wake report, health sample.
  agentGoodbyeFrame,
  agentWakeFrame,
  agentMetricsFrame,
  sessionEventFrame,
]);

export type AgentStatusFrame = z.infer<typeof agentStatusFrame>;
export type GitRepo = z.infer<typeof gitRepoSchema>;
export type GitStatusFrame = z.infer<typeof gitStatusFrame>;
export type TaskResultFrame = z.infer<typeof taskResultFrame>;
export type PongFrame = z.infer<typeof pongFrame>;
export type TaskLogFrame = z.infer<typeof taskLogFrame>;
export type TaskAcceptedFrame = z.infer<typeof taskAcceptedFrame>;
export type AgentFrame = z.infer<typeof agentFrame>;

/** Names an agent may list in agent-status `extensions`. */
export const EXTENSIONS = ["task-accepted", "task-log", "task-cancel", "task-result-ack", "attempt", "task-accepted-ack", "session-event"] as const;
