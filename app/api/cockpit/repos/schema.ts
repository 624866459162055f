import { z } from "zod";
import { pagingQuery } from "@/lib/http/paging";
import { REPO_STATUSES, idSchema } from "@/lib/protocol";

export const listReposQuery = z.object({ status: z.enum(REPO_STATUSES).optional(), agentId: idSchema.optional(), ...pagingQuery });
