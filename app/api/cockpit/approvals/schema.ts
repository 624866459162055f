import { z } from "zod";
import { APPROVAL_DECISIONS, LIMITS } from "@/lib/protocol";

/** POST /approvals/{id}/decision. */
export const decisionBody = z.object({ decision: z.enum(APPROVAL_DECISIONS), reason: z.string().trim().max(LIMITS.shortText).optional() });
