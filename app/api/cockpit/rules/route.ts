import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { createRule, listChannels, listRules, ruleJson } from "@/lib/notify/store";
import { checkRuleChannels, createRuleBody } from "./schema";

export const dynamic = "force-dynamic";

/** Rules: which alerts (severity, source, agent, kind; empty = any) go to which channels, repeats and escalation. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "admin");
  return Response.json({ rules: (await listRules()).map(ruleJson) });
});

export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const body = await parseBody(req, createRuleBody);
  checkRuleChannels(body, new Set((await listChannels()).map((c) => c.id)));
  const row = await createRule(body);
  await audit({ actor: who.keyId, action: "rule.create", target: row.id });
  return Response.json({ rule: ruleJson(row) }, { status: 201 });
});
