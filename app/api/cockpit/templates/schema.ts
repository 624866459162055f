import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { idSchema, LIMITS } from "@/lib/protocol";
import { requiresRepoSchema } from "@/lib/protocol/git-safety";
import { templateNameSchema } from "@/lib/templates/name";
import { createTaskBody } from "../tasks/schema";

const task = createTaskBody.shape;

/** The chosen repository's required state; its `repo` comes from each run. */
const repoGate = requiresRepoSchema.omit({ repo: true }).strict();

/**
 * A task template: the task fields POST /tasks takes (the same schemas), with `{args}` / `{repo}` placeholders in the
 * payload's strings. No title: a run is titled `/<name> <args> · <repo>`.
 */
export const createTemplateBody = z
  .object({
    name: templateNameSchema,
    description: z.string().trim().max(LIMITS.shortText).default(""),
    executor: task.executor,
    payload: task.payload,
    priority: task.priority,
    requires: task.requires,
    /** Gate the chosen repository ({clean, branch, upToDate, fastForward}); a run must then name a repository. */
    requiresRepo: repoGate.nullable().default(null),
    /** Runs only on this agent (a chosen repository must be one it reports). */
    targetAgentId: task.targetAgentId.nullable().default(null),
  })
  .strict();

/** Every field but the name may change; `null` clears the optional ones. */
export const patchTemplateBody = z
  .object({
    description: z.string().trim().max(LIMITS.shortText).optional(),
    executor: task.executor.optional(),
    payload: task.payload,
    priority: task.priority.unwrap().optional(),
    requires: task.requires.unwrap().optional(),
    requiresRepo: repoGate.nullable().optional(),
    targetAgentId: task.targetAgentId.unwrap().nullable().optional(),
  })
  .strict();

/** One run: the words after the command, the repository (its id or name as agents report it), and a task id of the caller's. */
export const runTemplateBody = z
  .object({
    /** Makes a resend harmless: a second run with the same id answers 409 and creates nothing. */
    id: idSchema.optional(),
    args: z.string().max(LIMITS.shortText).default(""),
    repo: z.string().trim().min(1).max(300).optional(),
    /** Picks among agents reporting a repository of that name. */
    agentId: idSchema.optional(),
  })
  .strict();

export function templateNameParam(name: string): string {
  if (!templateNameSchema.safeParse(name).success) throw new ApiError("bad_request", `invalid template name ${JSON.stringify(name.slice(0, 40))}`, "name");
  return name;
}
