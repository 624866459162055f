import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody, parseValue } from "@/lib/http/input";
import { taskFromTemplate } from "@/lib/templates/expand";
import { findTemplate, resolveRepo } from "@/lib/templates/store";
import { createTaskAs } from "../../../tasks/create";
import { createTaskBody } from "../../../tasks/schema";
import { runTemplateBody, templateNameParam } from "../../schema";

export const dynamic = "force-dynamic";

/** Creates the template's task exactly as POST /tasks would: same schema, same path, same 409 for a repeated id. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ name: string }> }) => {
  const who = await requirePermission(req, "write");
  const name = templateNameParam((await ctx.params).name);
  const run = await parseBody(req, runTemplateBody);
  const template = await findTemplate(name);
  if (!template) throw new ApiError("not_found", `no template ${name}`);
  if (run.agentId && !run.repo) throw new ApiError("bad_request", "agentId: only picks among agents reporting the repository; send repo too", "agentId");
  const repo = run.repo ? await resolveRepo(run.repo, run.agentId) : undefined;
  const expansion = taskFromTemplate(template, { id: run.id, args: run.args, repo });
  if (!expansion.ok) throw new ApiError("bad_request", expansion.message, expansion.field);
  return createTaskAs(who, parseValue(createTaskBody, expansion.task), { template: name });
});
