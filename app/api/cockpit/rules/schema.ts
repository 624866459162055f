import { z } from "zod";
import { ALERT_SEVERITIES, LIMITS, idSchema } from "@/lib/protocol";

const names = z.array(z.string().trim().min(1).max(128)).max(50);

export const createRuleBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.name),
  severities: z.array(z.enum(ALERT_SEVERITIES)).max(3).default([]),
  sources: names.default([]),
  agentIds: z.array(idSchema).max(200).default([]),
  kinds: names.default([]),
  channelIds: z.array(idSchema).min(1).max(20),
  repeatMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .default(null),
  escalateAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .default(null),
  escalateChannelIds: z.array(idSchema).max(20).default([]),
  enabled: z.boolean().default(true),
});
