import { z } from "zod";
import { attemptSchema, idSchema } from "../lib/protocol";

/** Frames the hub sends to an agent, validated on arrival (lib/protocol types them but builds them without zod). */
const taskFrame = z.object({
  type: z.literal("task"),
  taskId: idSchema,
  taskType: z.string().min(1).max(128),
  payload: z.unknown(),
  attempt: attemptSchema.optional(),
  timeoutMs: z.number().int().min(1).optional(),
  expiresAt: z.number().int().optional(),
});
const pingFrame = z.object({ type: z.literal("ping"), timestamp: z.number().finite().optional() });
const statusRequestFrame = z.object({ type: z.literal("status-request") });
const errorFrame = z.object({ type: z.literal("error"), message: z.string(), details: z.array(z.unknown()).optional() });
const taskCancelFrame = z.object({ type: z.literal("task-cancel"), taskId: idSchema, reason: z.string().max(2000).default("cancelled") });
const taskResultAckFrame = z.object({ type: z.literal("task-result-ack"), taskId: idSchema, accepted: z.boolean(), reason: z.string().max(2000).optional() });

export const incomingHubFrame = z.discriminatedUnion("type", [taskFrame, pingFrame, statusRequestFrame, errorFrame, taskCancelFrame, taskResultAckFrame]);
export type IncomingHubFrame = z.infer<typeof incomingHubFrame>;
export type IncomingTask = z.infer<typeof taskFrame>;

export type HubFrameParse = { ok: true; frame: IncomingHubFrame } | { ok: false; reason: string };

/** Never throws: bad JSON or an unknown frame is reported, not fatal. */
export function parseHubFrame(raw: unknown): HubFrameParse {
  if (typeof raw !== "string") return { ok: false, reason: "binary frame" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  const parsed = incomingHubFrame.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { ok: true, frame: parsed.data };
}
