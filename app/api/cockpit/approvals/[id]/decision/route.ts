import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { idSchema } from "@/lib/protocol";
import { approvalJson } from "@/lib/sessions/json";
import { decideApproval } from "@/lib/sessions/store";
import { decisionBody } from "../../schema";

export const dynamic = "force-dynamic";

/** An operator's decision: atomic (two clicks give one decision, the second gets 409), audited, sent to the waiting hook. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid approval id", "id");
  const { decision, reason } = await parseBody(req, decisionBody);
  const outcome = await decideApproval(await getDb(), { id, decision, reason: reason || undefined, by: who.name });
  if (!outcome.ok) throw new ApiError(outcome.code, outcome.message);
  const row = outcome.row;
  await audit({ actor: who.keyId, action: `approval.${decision}`, target: id, detail: { command: row.command, agentId: row.agentId, reason: row.reason } });
  await sendToHub({
    notices: [
      {
        agentId: row.agentId,
        frame: { type: "approval-decision", approvalId: id, decision, decidedBy: who.name, ...(row.reason ? { reason: row.reason } : {}) },
      },
    ],
  });
  return Response.json({ approval: approvalJson(row) });
});
