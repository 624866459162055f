import { z } from "zod";
import { pagingQuery } from "@/lib/http/paging";
import { REPO_STATUSES, idSchema } from "@/lib/protocol";

export const listReposQuery = z.object({
  status: z.enum(REPO_STATUSES).optional(),
  agentId: idSchema.optional(),
  /** Text in the name, path or remote identity. */
  search: z.string().min(1).max(200).optional(),
  /** One repository across machines: its remote identity (github.com/owner/repo). */
  identity: z.string().min(1).max(300).optional(),
  ...pagingQuery,
});

/** GET /repos/at-risk. */
export const atRiskQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
