import { z } from "zod";
import { approvalDecisionFrameSchema } from "./session-frames";
import { attemptSchema, idSchema } from "./common";
import { requiresRepoSchema, type RequiresRepo } from "./git-safety";
import { CHANGE_ENTITIES, CHANGE_OPS, LIMITS } from "./constants";

/**
 * Frames the hub sends, one zod schema each (the agent parses what it receives with them), with the one builder
 * beside each that the hub and the web use, so a frame's shape is written once.
 */

/**
 * The spec's task frame; `attempt`, `timeoutMs` and `expiresAt` are additive extras a spec-only agent ignores.
 * `expiresAt` (epoch ms, hub clock): an agent must not start the task after it; the attempt was given up by then.
 */
export const taskFrameSchema = z.object({
  type: z.literal("task"),
  taskId: idSchema,
  taskType: z.string().min(1).max(128),
  payload: z.unknown(),
  attempt: attemptSchema.optional(),
  timeoutMs: z.number().int().min(1).optional(),
  expiresAt: z.number().int().min(0).optional(),
  /** Extension (git safety): the repository state the task needs; the agent checks it again before running. */
  requiresRepo: requiresRepoSchema.optional(),
});
/** Extension: stop this task (cancelled by a person, or its run timeout passed). */
export const taskCancelFrameSchema = z.object({ type: z.literal("task-cancel"), taskId: idSchema, reason: z.string().max(LIMITS.shortText) });
/** Extension: the web stored (or refused) this result; the agent may forget it. */
export const taskResultAckFrameSchema = z.object({
  type: z.literal("task-result-ack"),
  taskId: idSchema,
  accepted: z.boolean(),
  reason: z.string().max(LIMITS.shortText).optional(),
});
/**
 * Extension "task-accepted-ack": the web's answer to task-accepted. `accepted: true` means the attempt is this agent's
 * and `running` in the database, so the agent may start it now; `false` means the attempt was given up (expired,
 * cancelled, given to another agent) and the agent must not run it. An agent that announced the extension starts a
 * task only on `accepted: true`, so an acceptance lost on a dead socket can never lead to a second run.
 */
export const taskAcceptedAckFrameSchema = z.object({
  type: z.literal("task-accepted-ack"),
  taskId: idSchema,
  attempt: attemptSchema.optional(),
  accepted: z.boolean(),
  reason: z.string().max(LIMITS.shortText).optional(),
});
export const pingFrameSchema = z.object({ type: z.literal("ping"), timestamp: z.number().finite().optional() });
export const statusRequestFrameSchema = z.object({ type: z.literal("status-request") });
/** The spec's error shape: `message` and a list of details (zod issues for `Invalid message format`). */
export const errorFrameSchema = z.object({
  type: z.literal("error"),
  message: z.string().max(LIMITS.shortText),
  details: z.array(z.unknown()).max(1000).optional(),
});
/** To dashboards: one durable change, as the web stored it. */
export const changeFrameSchema = z.object({
  type: z.literal("change"),
  entity: z.enum(CHANGE_ENTITIES),
  op: z.enum(CHANGE_OPS),
  data: z.record(z.string(), z.unknown()),
});
/** To dashboards: live output of a running task, from the agent that holds it. */
export const taskLogRelayFrameSchema = z.object({
  type: z.literal("task-log"),
  taskId: idSchema,
  agentId: idSchema,
  seq: z.number().int().min(0),
  chunk: z.string().max(64 * 1024),
  attempt: attemptSchema.optional(),
});

/** What an agent may receive. */
export const hubToAgentFrame = z.discriminatedUnion("type", [
  taskFrameSchema,
  pingFrameSchema,
  statusRequestFrameSchema,
  errorFrameSchema,
  taskCancelFrameSchema,
  taskResultAckFrameSchema,
  taskAcceptedAckFrameSchema,
  approvalDecisionFrameSchema,
]);
/** What a dashboard may receive. */
export const hubToDashboardFrame = z.discriminatedUnion("type", [changeFrameSchema, taskLogRelayFrameSchema, pingFrameSchema, errorFrameSchema]);

export type TaskFrame = z.infer<typeof taskFrameSchema>;
export type TaskCancelFrame = z.infer<typeof taskCancelFrameSchema>;
export type TaskResultAckFrame = z.infer<typeof taskResultAckFrameSchema>;
export type TaskAcceptedAckFrame = z.infer<typeof taskAcceptedAckFrameSchema>;
export type PingFrame = z.infer<typeof pingFrameSchema>;
export type StatusRequestFrame = z.infer<typeof statusRequestFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema> & { details: unknown[] };
export type ChangeFrame = z.infer<typeof changeFrameSchema>;
export type TaskLogRelayFrame = z.infer<typeof taskLogRelayFrameSchema>;
export type HubToAgentFrame = z.infer<typeof hubToAgentFrame>;
export type HubToDashboardFrame = z.infer<typeof hubToDashboardFrame>;
export type HubFrame = HubToAgentFrame | HubToDashboardFrame;

export const taskFrame = (
  taskId: string,
  taskType: string,
  payload: unknown,
  extra: { attempt?: number; timeoutMs?: number; expiresAt?: number; requiresRepo?: RequiresRepo } = {},
): TaskFrame => ({
  type: "task",
  taskId,
  taskType,
  payload,
  ...extra,
});
export const taskCancelFrame = (taskId: string, reason: string): TaskCancelFrame => ({
  type: "task-cancel",
  taskId,
  reason: reason.slice(0, LIMITS.shortText),
});
export const taskResultAckFrame = (taskId: string, accepted: boolean, reason?: string): TaskResultAckFrame =>
  reason === undefined
    ? { type: "task-result-ack", taskId, accepted }
    : { type: "task-result-ack", taskId, accepted, reason: reason.slice(0, LIMITS.shortText) };
export const taskAcceptedAckFrame = (taskId: string, attempt: number | undefined, accepted: boolean, reason?: string): TaskAcceptedAckFrame => ({
  type: "task-accepted-ack",
  taskId,
  ...(attempt === undefined ? {} : { attempt }),
  accepted,
  ...(reason === undefined ? {} : { reason: reason.slice(0, LIMITS.shortText) }),
});
export const pingFrame = (timestamp: number): PingFrame => ({ type: "ping", timestamp });
export const statusRequestFrame = (): StatusRequestFrame => ({ type: "status-request" });
export const changeFrame = (entity: ChangeFrame["entity"], data: Record<string, unknown>, op: ChangeFrame["op"] = "upsert"): ChangeFrame => ({
  type: "change",
  entity,
  op,
  data,
});

/** The spec's error shape, exactly: `Invalid message format` with zod's issues as details. */
export const invalidFormatFrame = (issues: readonly z.core.$ZodIssue[] | unknown[]): ErrorFrame => ({
  type: "error",
  message: "Invalid message format",
  details: issues.map((issue) => issue),
});

export const errorFrame = (message: string, details: unknown[] = []): ErrorFrame => ({ type: "error", message, details });

/** Parses what the hub sent to an agent; never throws (bad JSON or an unknown frame is a reason, not a crash). */
export function parseHubToAgentFrame(raw: unknown): { ok: true; frame: HubToAgentFrame } | { ok: false; reason: string } {
  if (typeof raw !== "string") return { ok: false, reason: "binary frame" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const parsed = hubToAgentFrame.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, frame: parsed.data };
}
