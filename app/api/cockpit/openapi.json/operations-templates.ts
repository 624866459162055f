import { responses } from "@/lib/api/responses";
import { templateResponses } from "@/lib/api/responses-templates";
import { templateNameSchema } from "@/lib/templates/name";
import { createTemplateBody, patchTemplateBody, runTemplateBody } from "../templates/schema";
import { bodyErrors, type Operation } from "./operation";

const name = { name: templateNameSchema };

/** Task templates: admins define them, operators run them (the command bar's `/<name>`). */
export const TEMPLATE_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/cockpit/templates",
    summary: "Task templates, by name",
    tag: "Tasks",
    auth: "read",
    success: { status: 200, description: "the templates", schema: templateResponses.templateList },
  },
  {
    method: "post",
    path: "/api/cockpit/templates",
    summary: "Define a task template; a sample run must make a valid task",
    tag: "Tasks",
    auth: "admin",
    body: createTemplateBody,
    success: { status: 201, description: "the template", schema: templateResponses.templateOne },
    errors: [...bodyErrors, 409],
  },
  {
    method: "get",
    path: "/api/cockpit/templates/{name}",
    summary: "One task template",
    tag: "Tasks",
    auth: "read",
    pathParams: name,
    success: { status: 200, description: "the template", schema: templateResponses.templateOne },
    errors: [400, 404],
  },
  {
    method: "patch",
    path: "/api/cockpit/templates/{name}",
    summary: "Change a template's fields (null clears requiresRepo and targetAgentId)",
    tag: "Tasks",
    auth: "admin",
    pathParams: name,
    body: patchTemplateBody,
    success: { status: 200, description: "the template", schema: templateResponses.templateOne },
    errors: [...bodyErrors, 404],
  },
  {
    method: "delete",
    path: "/api/cockpit/templates/{name}",
    summary: "Delete a template (tasks it made stay)",
    tag: "Tasks",
    auth: "admin",
    pathParams: name,
    success: { status: 200, description: "deleted", schema: templateResponses.deleted },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/cockpit/templates/{name}/run",
    summary: "Create the template's task: {args} and {repo} filled, then exactly as POST /tasks (a repeated id is a 409)",
    tag: "Tasks",
    auth: "write",
    pathParams: name,
    body: runTemplateBody,
    success: { status: 201, description: "the stored task", schema: responses.taskOne },
    errors: [...bodyErrors, 404, 409],
  },
];
