import { z } from "zod";
import { LIMITS } from "./limits";
import {
  AGENT_STATUSES,
  REPO_STATUSES,
  TASK_RESULT_STATUSES,
  boundedJson,
  capabilitiesSchema,
  idSchema,
  metadataSchema,
} from "./common";

/** Frames an agent sends to the hub: the spec's four, field for field, plus bounds. */
export const agentStatusFrame = z.object({
  type: z.literal("agent-status"),
  agentId: idSchema,
  status: z.enum(AGENT_STATUSES),
  capabilities: capabilitiesSchema.optional(),
  metadata: metadataSchema.optional(),
  /** Extension: how many tasks this agent runs at once (default 1). */
  maxConcurrency: z.number().int().min(1).max(64).optional(),
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
});

export const pongFrame = z.object({
  type: z.literal("pong"),
  timestamp: z.number().finite().optional(),
});

export const agentFrame = z.discriminatedUnion("type", [agentStatusFrame, gitStatusFrame, taskResultFrame, pongFrame]);

export type AgentStatusFrame = z.infer<typeof agentStatusFrame>;
export type GitRepo = z.infer<typeof gitRepoSchema>;
export type GitStatusFrame = z.infer<typeof gitStatusFrame>;
export type TaskResultFrame = z.infer<typeof taskResultFrame>;
export type PongFrame = z.infer<typeof pongFrame>;
export type AgentFrame = z.infer<typeof agentFrame>;
