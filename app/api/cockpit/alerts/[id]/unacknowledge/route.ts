import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { alertJson, change } from "@/lib/db/serialize";
import { unacknowledgeAlert } from "@/lib/alerts/undo";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { alertIdParam } from "../../schema";

export const dynamic = "force-dynamic";

/** Undo an acknowledgement: acknowledged → open. A resolved alert cannot be taken back this way (409). */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const id = alertIdParam((await ctx.params).id);
  const outcome = await (await getDb()).transaction((tx) => unacknowledgeAlert(tx, id, who.name));
  if (!outcome) throw new ApiError("not_found", `no alert ${id}`);
  if (!outcome.changed && outcome.row.status === "resolved") throw new ApiError("conflict", "the alert is resolved; its acknowledgement cannot be undone");
  if (outcome.changed) {
    await audit({ actor: who.keyId, action: "alert.unack", target: id });
    await sendToHub({ changes: [change.alert(outcome.row)] });
  }
  return Response.json({ alert: alertJson(outcome.row), changed: outcome.changed });
});
