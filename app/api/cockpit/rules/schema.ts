import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { ALERT_SEVERITIES, LIMITS, idSchema } from "@/lib/protocol";

const names = z.array(z.string().trim().min(1).max(128)).max(50);
const minutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60)
  .nullable();

/** A rule's fields, once: the create body adds defaults, the patch body makes each optional. */
const ruleFields = {
  name: z.string().trim().min(1).max(LIMITS.name),
  severities: z.array(z.enum(ALERT_SEVERITIES)).max(3),
  sources: names,
  agentIds: z.array(idSchema).max(200),
  kinds: names,
  channelIds: z.array(idSchema).min(1, "name at least one channel").max(20),
  repeatMinutes: minutes,
  escalateAfterMinutes: minutes,
  escalateChannelIds: z.array(idSchema).max(20),
  enabled: z.boolean(),
};

export const createRuleBody = z.object({
  ...ruleFields,
  severities: ruleFields.severities.default([]),
  sources: ruleFields.sources.default([]),
  agentIds: ruleFields.agentIds.default([]),
  kinds: ruleFields.kinds.default([]),
  repeatMinutes: minutes.default(null),
  escalateAfterMinutes: minutes.default(null),
  escalateChannelIds: ruleFields.escalateChannelIds.default([]),
  enabled: ruleFields.enabled.default(true),
});

/** Only the fields sent change; lists are replaced whole. */
export const patchRuleBody = z
  .object(ruleFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one field to change", path: ["name"] });

type RuleChannels = { channelIds: string[]; escalateChannelIds: string[]; escalateAfterMinutes: number | null };

/** The rule as it will be saved names channels that exist, and says where to escalate when it escalates. */
export function checkRuleChannels(rule: RuleChannels, known: ReadonlySet<string>): void {
  const unknown = [...rule.channelIds, ...rule.escalateChannelIds].find((id) => !known.has(id));
  if (unknown) throw new ApiError("bad_request", `no channel ${unknown}`, rule.channelIds.includes(unknown) ? "channelIds" : "escalateChannelIds");
  if (rule.escalateAfterMinutes !== null && rule.escalateChannelIds.length === 0)
    throw new ApiError("bad_request", "escalateChannelIds: name where to escalate", "escalateChannelIds");
}

export function ruleIdParam(id: string): string {
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid rule id", "id");
  return id;
}
