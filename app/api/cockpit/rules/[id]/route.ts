import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { deleteRule, findRule, listChannels, ruleJson, updateRule } from "@/lib/notify/store";
import { checkRuleChannels, patchRuleBody, ruleIdParam } from "../schema";

export const dynamic = "force-dynamic";

/** Edit a rule: only the fields sent change (lists are replaced whole); the result is checked as a new rule would be. */
export const PATCH = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const id = ruleIdParam((await ctx.params).id);
  const body = await parseBody(req, patchRuleBody);
  const existing = await findRule(id);
  if (!existing) throw new ApiError("not_found", `no rule ${id}`);
  checkRuleChannels({ ...existing, ...body }, new Set((await listChannels()).map((c) => c.id)));
  const row = await updateRule(id, body);
  if (!row) throw new ApiError("not_found", `no rule ${id}`);
  await audit({ actor: who.keyId, action: "rule.update", target: id, detail: { fields: Object.keys(body) } });
  return Response.json({ rule: ruleJson(row) });
});

export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const id = ruleIdParam((await ctx.params).id);
  if (!(await deleteRule(id))) throw new ApiError("not_found", `no rule ${id}`);
  await audit({ actor: who.keyId, action: "rule.delete", target: id });
  return Response.json({ deleted: id });
});
