import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { idSchema, LIMITS } from "@/lib/protocol";
import { CHANNEL_TYPES, parseChannelConfig, type AnyChannel, type ChannelType } from "@/lib/notify/channel-config";
import { QUIET_HOURS_PATTERN, isTimeZone } from "@/lib/notify/quiet-hours";

const quietHours = z.string().regex(QUIET_HOURS_PATTERN, "must be HH:MM-HH:MM (on the clock of quietTimeZone, UTC by default)").nullable();
const quietTimeZone = z
  .string()
  .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or America/New_York")
  .nullable()
  .describe("the zone whose clock quiet hours are read on (daylight saving included); null is UTC");

export const createChannelBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.name),
  type: z.enum(CHANNEL_TYPES as [ChannelType, ...ChannelType[]]),
  config: z.record(z.string(), z.unknown()),
  quietHours: quietHours.optional(),
  quietTimeZone: quietTimeZone.optional(),
  enabled: z.boolean().optional(),
});

export const patchChannelBody = z.object({
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  quietHours: quietHours.optional(),
  quietTimeZone: quietTimeZone.optional(),
  enabled: z.boolean().optional(),
});

/** The type's own schema decides; its first issue is reported as `config.<field>`. */
export function checkedChannel(type: ChannelType, config: unknown): AnyChannel {
  const parsed = parseChannelConfig(type, config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["config", ...(issue?.path.map(String) ?? [])].join(".");
    throw new ApiError("bad_request", `${field}: ${issue?.message ?? "invalid"}`, field, parsed.error.issues);
  }
  return { type, config: parsed.data } as AnyChannel;
}

export function channelIdParam(id: string): string {
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid channel id", "id");
  return id;
}
