import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { deleteTemplate, findTemplate, templateJson, updateTemplate } from "@/lib/templates/store";
import { patchTemplateBody, templateNameParam } from "../schema";
import { checkRunnable } from "../runnable";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ name: string }> };

export const GET = handle(async (req: Request, ctx: Ctx) => {
  await requirePermission(req, "read");
  const name = templateNameParam((await ctx.params).name);
  const row = await findTemplate(name);
  if (!row) throw new ApiError("not_found", `no template ${name}`);
  return Response.json({ template: templateJson(row) });
});

/** Changes the fields sent; the result must still make valid tasks. */
export const PATCH = handle(async (req: Request, ctx: Ctx) => {
  const who = await requirePermission(req, "admin");
  const name = templateNameParam((await ctx.params).name);
  const body = await parseBody(req, patchTemplateBody);
  const existing = await findTemplate(name);
  if (!existing) throw new ApiError("not_found", `no template ${name}`);
  const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as typeof body;
  checkRunnable({ ...existing, ...fields, requiresRepo: fields.requiresRepo === undefined ? existing.requiresRepo : fields.requiresRepo });
  const row = await updateTemplate(name, fields);
  if (!row) throw new ApiError("not_found", `no template ${name}`);
  await audit({ actor: who.keyId, action: "template.update", target: name, detail: { fields: Object.keys(fields) } });
  return Response.json({ template: templateJson(row) });
});

export const DELETE = handle(async (req: Request, ctx: Ctx) => {
  const who = await requirePermission(req, "admin");
  const name = templateNameParam((await ctx.params).name);
  if (!(await deleteTemplate(name))) throw new ApiError("not_found", `no template ${name}`);
  await audit({ actor: who.keyId, action: "template.delete", target: name });
  return Response.json({ deleted: name });
});
