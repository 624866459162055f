import { z } from "zod";
import { pagingQuery } from "@/lib/http/paging";
import { ALERT_STATES } from "@/lib/alerts/states";
import { ALERT_SEVERITIES, LIMITS, idSchema, metadataSchema } from "@/lib/protocol";
import { ApiError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/input";

/** The alerts API's bodies, one schema each (PagerDuty's events model: trigger / acknowledge / resolve by key). */
export const dedupKeySchema = z.string().trim().min(1).max(255);
const comment = z.string().trim().max(LIMITS.shortText);

const trigger = z.object({
  action: z.literal("trigger"),
  id: idSchema.optional(),
  dedupKey: dedupKeySchema.optional(),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string().trim().min(1).max(LIMITS.name),
  message: z.string().max(LIMITS.shortText).optional(),
  source: z.string().max(128).optional(),
  kind: z.string().max(128).optional(),
  agentId: idSchema.optional(),
  taskId: idSchema.optional(),
  repoId: z.string().min(1).max(LIMITS.path).optional(),
  metadata: metadataSchema.optional(),
});
const acknowledge = z.object({ action: z.literal("acknowledge"), dedupKey: dedupKeySchema, comment: comment.optional() });
const resolve = z.object({ action: z.literal("resolve"), dedupKey: dedupKeySchema, reason: comment.optional() });

/** No `action` means trigger, so the seed's body (severity, title, …) keeps working. */
export const alertEventBody = z.preprocess(
  (v) => (typeof v === "object" && v !== null && !Array.isArray(v) && !("action" in v) ? { ...v, action: "trigger" } : v),
  z.discriminatedUnion("action", [trigger, acknowledge, resolve], { error: "action must be trigger, acknowledge or resolve" }),
);

export const bulkBody = z.object({
  action: z.enum(["acknowledge", "resolve"], { error: "action must be acknowledge or resolve" }),
  ids: z.array(idSchema).min(1).max(500),
  comment: comment.optional(),
});

export const ackBody = z.object({ comment: comment.optional() });
export const resolveBody = z.object({ reason: comment.optional() });
export const snoozeBody = z
  .object({
    until: z.iso.datetime({ offset: true }).nullable().optional(),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .optional(),
  })
  .refine((b) => (b.until === undefined) !== (b.minutes === undefined), {
    message: "send either until (ISO time, or null to lift) or minutes",
    path: ["until"],
  });

/** Bodies that may be left out entirely (POST with no content): an empty object then. */
export async function parseOptionalBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const length = req.headers.get("content-length");
  if (!req.headers.get("content-type") && (length === null || length === "0")) {
    const parsed = schema.safeParse({});
    if (!parsed.success) throw new ApiError("bad_request", "a JSON body is required");
    return parsed.data;
  }
  return parseBody(req, schema);
}

export function alertIdParam(id: string): string {
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid alert id", "id");
  return id;
}

export const listAlertsQuery = z.object({
  severity: z.enum(ALERT_SEVERITIES).optional(),
  acknowledged: z
    .enum(["true", "false"], { message: "must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  status: z.enum(ALERT_STATES).optional(),
  ...pagingQuery,
});

/** POST /alerts' body as the API reference shows it. */
export const createAlertBody = alertEventBody;
