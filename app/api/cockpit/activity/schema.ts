import { z } from "zod";
import { pagingQuery } from "@/lib/http/paging";
import { ACTIVITY_KINDS } from "@/lib/activity/types";
import { LIMITS, idSchema } from "@/lib/protocol";

/** GET /activity's query: filters, and keyset paging both ways (`cursor` for older entries, `after` for newer). */
export const listActivityQuery = z.object({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  agent: idSchema.optional(),
  /** A repository id or name as agents report it, or a task's required repo (remote identity or folder name). */
  repo: z.string().trim().min(1).max(LIMITS.path).optional(),
  ...pagingQuery,
  after: z.string().max(400).optional(),
});
