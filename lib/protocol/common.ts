import { z } from "zod";
import { LIMITS } from "./limits";

/** Identifiers: printable, no whitespace, bounded; they end up in URLs, logs and SQL keys. */
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[A-Za-z0-9._:@-]+$/, "may contain only letters, digits and . _ : @ -");

/** A task's attempt number (1-based), echoed by agents that speak the "attempt" extension. */
export const attemptSchema = z.number().int().min(1).max(1_000_000);

export const capabilitySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/);
export const capabilitiesSchema = z.array(capabilitySchema).max(LIMITS.capabilities);

/** Bytes of the JSON text of a value; used to bound free-form fields. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value ?? null);
  return new TextEncoder().encode(text).length;
}

/** Any JSON value, bounded by its serialized size. */
export function boundedJson(maxBytes: number) {
  return z.unknown().refine((v) => v === undefined || jsonBytes(v) <= maxBytes, {
    message: `must serialize to at most ${maxBytes} bytes of JSON`,
  });
}

export const metadataSchema = z.record(z.string().max(LIMITS.name), z.unknown()).refine((v) => jsonBytes(v) <= LIMITS.metadataBytes, {
  message: `must serialize to at most ${LIMITS.metadataBytes} bytes of JSON`,
});

export { AGENT_STATUSES, REPO_STATUSES, TASK_STATUSES, TASK_RESULT_STATUSES, ALERT_SEVERITIES, TASK_PRIORITIES } from "./constants";
export type { AgentStatus, RepoStatus, TaskStatus, AlertSeverity, TaskPriority } from "./constants";
