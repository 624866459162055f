import { audit } from "@/lib/db/queries/audit";
import { acknowledgeAlert } from "@/lib/db/queries/alerts";
import { alertJson, change } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { ackBody, alertIdParam, parseOptionalBody } from "../../schema";

export const dynamic = "force-dynamic";

/** The spec's ack: idempotent; the first acknowledgement's who, when and comment stand. The body ({comment}) is optional. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const id = alertIdParam((await ctx.params).id);
  const { comment } = await parseOptionalBody(req, ackBody);
  const outcome = await acknowledgeAlert(id, who.name, comment);
  if (!outcome) throw new ApiError("not_found", `no alert ${id}`);
  if (outcome.changed) {
    await audit({ actor: who.keyId, action: "alert.ack", target: id });
    await sendToHub({ changes: [change.alert(outcome.row)] });
  }
  return Response.json({ success: true, alert: alertJson(outcome.row), alreadyAcknowledged: !outcome.changed });
});
