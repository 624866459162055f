import { CHANGE_ENTITIES, CHANGE_OPS } from "../protocol/constants";
import type { ChangeFrame, TaskLogRelayFrame } from "../protocol/hub-frames";

/**
 * The hub frames a dashboard acts on, typed by the protocol (hubToDashboardFrame in lib/protocol/hub-frames.ts). The
 * browser does not ship zod, so this one small function checks the envelope with the protocol's zod-free lists.
 */
export type LogRelay = TaskLogRelayFrame & { attempt?: number };
export type DashboardFrame = ChangeFrame | LogRelay;

const ENTITIES = CHANGE_ENTITIES;
const OPS = CHANGE_OPS;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === "string" && (list as readonly string[]).includes(v);

/** A `change` or `task-log` frame, or null for anything else (pings, errors, malformed text). */
export function parseDashboardFrame(text: string): DashboardFrame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(frame)) return null;
  if (frame.type === "change") {
    const { entity, op, data } = frame;
    if (!oneOf(ENTITIES, entity) || !oneOf(OPS, op) || !isRecord(data)) return null;
    return { type: "change", entity, op, data };
  }
  if (frame.type === "task-log") {
    const { taskId, agentId, seq, chunk, attempt } = frame;
    if (typeof taskId !== "string" || typeof agentId !== "string" || !isIndex(seq) || typeof chunk !== "string") return null;
    if (attempt !== undefined && !isIndex(attempt)) return null;
    return attempt === undefined ? { type: "task-log", taskId, agentId, seq, chunk } : { type: "task-log", taskId, agentId, seq, chunk, attempt };
  }
  return null;
}
