import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { insertTemplate, listTemplates, templateJson } from "@/lib/templates/store";
import { createTemplateBody } from "./schema";
import { checkRunnable } from "./runnable";

export const dynamic = "force-dynamic";

/** Every template, by name: whoever may read sees what the command bar offers. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  return Response.json({ templates: (await listTemplates()).map(templateJson) });
});

/** Admins define templates; a second one of the same name is a 409. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const { name, ...fields } = await parseBody(req, createTemplateBody);
  checkRunnable({ name, ...fields });
  const row = await insertTemplate(name, { ...fields, payload: fields.payload ?? null }, who.name);
  if (!row) throw new ApiError("conflict", `a template named ${name} already exists`, "name");
  await audit({ actor: who.keyId, action: "template.create", target: name, detail: { executor: row.executor } });
  return Response.json({ template: templateJson(row) }, { status: 201, headers: { location: `/api/cockpit/templates/${name}` } });
});
