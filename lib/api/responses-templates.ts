import { z } from "zod";
import { TASK_PRIORITIES } from "../protocol/constants";

/** Response shapes of the task template routes (issue 19). */

const isoTime = z.iso.datetime();

export const templateResponse = z
  .object({
    name: z.string(),
    description: z.string(),
    executor: z.string(),
    payload: z.unknown().describe("JSON; {args} and {repo} in its strings are filled on each run"),
    priority: z.enum(TASK_PRIORITIES),
    requires: z.array(z.string()),
    requiresRepo: z
      .object({ clean: z.boolean().optional(), branch: z.string().optional(), upToDate: z.boolean().optional(), fastForward: z.boolean().optional() })
      .nullable(),
    targetAgentId: z.string().nullable(),
    takesArgs: z.boolean().describe("the payload uses {args}: words after the command are accepted"),
    needsRepo: z.boolean().describe("the payload uses {repo} or the template gates a repository: a run must name one"),
    createdBy: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: "TaskTemplate" });

export const templateResponses = {
  templateList: z.object({ templates: z.array(templateResponse) }),
  templateOne: z.object({ template: templateResponse }),
  deleted: z.object({ deleted: z.string() }),
} as const;
