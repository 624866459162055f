import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { LIMITS, idSchema } from "@/lib/protocol";
import { silenceIsScoped } from "@/lib/alerts/silence-match";

const MAX_SILENCE_MINUTES = 90 * 24 * 60;
const field = z.string().trim().min(1).max(128);

/** A silence: what it matches (at least one of agentId, kind, source, tag), when (`minutes` from the start, or `endsAt`), and why. */
export const createSilenceBody = z
  .object({
    agentId: idSchema.optional(),
    kind: field.optional(),
    source: field.optional(),
    tag: field.optional(),
    startsAt: z.iso.datetime({ offset: true }).optional().describe("default: now"),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    minutes: z.number().int().min(1).max(MAX_SILENCE_MINUTES).optional(),
    comment: z.string().trim().min(1, "say why (it is shown beside the silenced alerts)").max(LIMITS.shortText),
  })
  .refine((b) => silenceIsScoped({ agentId: b.agentId ?? null, kind: b.kind ?? null, source: b.source ?? null, tag: b.tag ?? null }), {
    message: "name at least one of agentId, kind, source or tag (a silence of everything is not allowed)",
    path: ["agentId"],
  })
  .refine((b) => (b.endsAt === undefined) !== (b.minutes === undefined), { message: "send either endsAt (ISO time) or minutes", path: ["endsAt"] });

export type CreateSilenceBody = z.infer<typeof createSilenceBody>;

/** The window in epoch ms; an end that is not after both the start and now is refused, naming the field. */
export function silenceWindow(body: CreateSilenceBody, now: number): { startsAt: number; endsAt: number } {
  const startsAt = body.startsAt ? Date.parse(body.startsAt) : now;
  const endsAt = body.minutes !== undefined ? startsAt + body.minutes * 60_000 : Date.parse(body.endsAt!);
  const field = body.minutes !== undefined ? "minutes" : "endsAt";
  if (endsAt <= startsAt) throw new ApiError("bad_request", `${field}: the silence must end after it starts`, field);
  if (endsAt <= now) throw new ApiError("bad_request", `${field}: the silence must end in the future`, field);
  if (endsAt - startsAt > MAX_SILENCE_MINUTES * 60_000) throw new ApiError("bad_request", `${field}: a silence lasts at most 90 days`, field);
  return { startsAt, endsAt };
}

export const listSilencesQuery = z.object({
  state: z.enum(["current", "active", "pending", "expired", "all"]).default("current"),
});

export function silenceIdParam(id: string): string {
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid silence id", "id");
  return id;
}
