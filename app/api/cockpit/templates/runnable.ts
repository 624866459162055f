import { ApiError } from "@/lib/http/errors";
import { parseValue } from "@/lib/http/input";
import { ARGS_PLACEHOLDER, taskFromTemplate, usesPlaceholder, type TemplateDefinition } from "@/lib/templates/expand";
import { createTaskBody } from "../tasks/schema";

/**
 * A template is validated like the tasks it makes: a sample run (words when it takes them, a repository of its target
 * agent) must pass POST /tasks' schema, so a template that could never create a task is refused when it is saved.
 */
export function checkRunnable(t: TemplateDefinition): void {
  const sample = taskFromTemplate(t, {
    args: usesPlaceholder(t.payload, ARGS_PLACEHOLDER) ? "sample words" : "",
    repo: { id: "sample-repo", name: "sample-repo", agentId: t.targetAgentId ?? "sample-agent", remoteIdentity: null },
  });
  if (!sample.ok) throw new ApiError("bad_request", sample.message, sample.field);
  parseValue(createTaskBody, sample.task);
}
