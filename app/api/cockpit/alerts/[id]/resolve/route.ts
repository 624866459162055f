import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { alertJson, change } from "@/lib/db/serialize";
import { resolveAlerts } from "@/lib/alerts/lifecycle";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { alertIdParam, parseOptionalBody, resolveBody } from "../../schema";

export const dynamic = "force-dynamic";

/** Resolve by hand (idempotent); the resolve is announced on the channels the alert went to. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const id = alertIdParam((await ctx.params).id);
  const { reason } = await parseOptionalBody(req, resolveBody);
  const result = await (await getDb()).transaction((tx) => resolveAlerts(tx, [id], who.name, reason));
  const row = result.changed[0] ?? result.unchanged[0];
  if (!row) throw new ApiError("not_found", `no alert ${id}`);
  if (result.changed[0]) {
    await audit({ actor: who.keyId, action: "alert.resolve", target: id });
    await sendToHub({ changes: [change.alert(row)] });
  }
  return Response.json({ alert: alertJson(row), alreadyResolved: !result.changed[0] });
});
