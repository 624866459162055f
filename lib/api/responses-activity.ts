import { z } from "zod";
import { ACTIVITY_KINDS } from "../activity/types";
import { alertResponse } from "./responses";

/** GET /api/cockpit/activity's answer (see lib/activity/types.ts for what each field means). */
export const activityEntryResponse = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    kind: z.enum(ACTIVITY_KINDS),
    type: z.string(),
    title: z.string(),
    message: z.string().nullable(),
    agentId: z.string().nullable(),
    repo: z.string().nullable(),
    actor: z.string().nullable(),
    subjectId: z.string().nullable(),
  })
  .meta({ id: "ActivityEntry" });

export const activityList = z.object({
  entries: z.array(activityEntryResponse),
  limit: z.number().int(),
  nextCursor: z.string().nullable(),
  newerCursor: z.string().nullable(),
});

/** POST /alerts/{id}/unacknowledge (the swipe's Undo). */
export const alertUnacknowledged = z.object({ alert: alertResponse, changed: z.boolean() });
