import { z } from "zod";
import { pagingQuery } from "@/lib/http/paging";
import { ALERT_SEVERITIES, LIMITS, idSchema, metadataSchema } from "@/lib/protocol";

export const listAlertsQuery = z.object({
  severity: z.enum(ALERT_SEVERITIES).optional(),
  acknowledged: z
    .enum(["true", "false"], { message: "must be true or false" })
    .transform((v) => v === "true")
    .optional(),
  ...pagingQuery,
});

export const createAlertBody = z.object({
  id: idSchema.optional(),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string().trim().min(1).max(LIMITS.name),
  message: z.string().max(LIMITS.shortText).optional(),
  source: z.string().max(128).optional(),
  agentId: idSchema.optional(),
  metadata: metadataSchema.optional(),
});
