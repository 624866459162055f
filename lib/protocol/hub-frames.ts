import type { z } from "zod";

/** Frames the hub sends. Built only through these helpers, so each shape is defined once. */
export type TaskFrame = { type: "task"; taskId: string; taskType: string; payload: unknown };
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
export type HubFrame = TaskFrame | PingFrame | StatusRequestFrame | ErrorFrame | ChangeFrame;

export const taskFrame = (taskId: string, taskType: string, payload: unknown): TaskFrame => ({
  type: "task",
  taskId,
  taskType,
  payload,
});
export const pingFrame = (timestamp: number): PingFrame => ({ type: "ping", timestamp });
export const statusRequestFrame = (): StatusRequestFrame => ({ type: "status-request" });

/** The spec's error shape, exactly: `Invalid message format` with zod's issues as details. */
export const invalidFormatFrame = (issues: readonly z.core.$ZodIssue[] | unknown[]): ErrorFrame => ({
  type: "error",
  message: "Invalid message format",
  details: issues.map((issue) => issue),
});

export const errorFrame = (message: string, details: unknown[] = []): ErrorFrame => ({ type: "error", message, details });
