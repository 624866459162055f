import { agentIdKnown, releaseAgentId } from "@/lib/db/queries/agent-owners";
import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

/** Frees an agentId (a machine was retired or its key lost): the next key to register it owns it. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid agent id", "id");
  if (!(await agentIdKnown(id))) throw new ApiError("not_found", `no agent ${id}`);
  const previous = await releaseAgentId(id);
  await audit({ actor: who.keyId, action: "agent.release", target: id, detail: { previousKeyId: previous } });
  await sendToHub({ agentOwners: [{ agentId: id, keyId: null }] });
  return Response.json({ agentId: id, ownerKeyId: null, previousKeyId: previous });
});
