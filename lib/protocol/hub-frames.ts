import type { z } from "zod";

/** Frames the hub sends. Built only through these helpers, so each shape is defined once. */
/**
 * The spec's task frame; `attempt`, `timeoutMs` and `expiresAt` are additive extras a spec-only agent ignores.
 * `expiresAt` (epoch ms, hub clock): an agent must not start the task after it; the attempt was given up by then.
 */
export type TaskFrame = { type: "task"; taskId: string; taskType: string; payload: unknown; attempt?: number; timeoutMs?: number; expiresAt?: number };
/** Extension: stop this task (cancelled by a person, or its run timeout passed). */
export type TaskCancelFrame = { type: "task-cancel"; taskId: string; reason: string };
/** Extension: the web stored (or refused) this result; the agent may forget it. */
export type TaskResultAckFrame = { type: "task-result-ack"; taskId: string; accepted: boolean; reason?: string };
/** To dashboards: live output of a running task. */
export type TaskLogRelayFrame = { type: "task-log"; taskId: string; agentId: string; seq: number; chunk: string; attempt?: number };
export type PingFrame = { type: "ping"; timestamp: number };
export type StatusRequestFrame = { type: "status-request" };
export type ErrorFrame = { type: "error"; message: string; details: unknown[] };
/** Dashboards: one durable change, as the web stored it. */
export type ChangeFrame = {
  type: "change";
  entity: "task" | "repo" | "alert" | "agent";
  op: "upsert" | "delete";
  data: Record<string, unknown>;
};
export type HubFrame = TaskFrame | PingFrame | StatusRequestFrame | ErrorFrame | ChangeFrame | TaskCancelFrame | TaskResultAckFrame | TaskLogRelayFrame;

export const taskFrame = (taskId: string, taskType: string, payload: unknown, extra: { attempt?: number; timeoutMs?: number; expiresAt?: number } = {}): TaskFrame => ({
  type: "task",
  taskId,
  taskType,
  payload,
  ...extra,
});
export const taskCancelFrame = (taskId: string, reason: string): TaskCancelFrame => ({ type: "task-cancel", taskId, reason });
export const taskResultAckFrame = (taskId: string, accepted: boolean, reason?: string): TaskResultAckFrame =>
  reason === undefined ? { type: "task-result-ack", taskId, accepted } : { type: "task-result-ack", taskId, accepted, reason };
export const pingFrame = (timestamp: number): PingFrame => ({ type: "ping", timestamp });
export const statusRequestFrame = (): StatusRequestFrame => ({ type: "status-request" });

/** The spec's error shape, exactly: `Invalid message format` with zod's issues as details. */
export const invalidFormatFrame = (issues: readonly z.core.$ZodIssue[] | unknown[]): ErrorFrame => ({
  type: "error",
  message: "Invalid message format",
  details: issues.map((issue) => issue),
});

export const errorFrame = (message: string, details: unknown[] = []): ErrorFrame => ({ type: "error", message, details });
