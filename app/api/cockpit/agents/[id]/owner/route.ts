import { agentCapableKey, agentIdKnown, setAgentOwner } from "@/lib/db/queries/agent-owners";
import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { sendToHub } from "@/lib/hub-client/client";
import { idSchema } from "@/lib/protocol";
import { agentOwnerBody } from "../../schema";

export const dynamic = "force-dynamic";

/** Gives an agentId to another key; the hub closes a socket that registered it with the old one. */
export const PUT = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid agent id", "id");
  const { keyId } = await parseBody(req, agentOwnerBody);
  if (!(await agentIdKnown(id))) throw new ApiError("not_found", `no agent ${id}`);
  const key = await agentCapableKey(keyId);
  if (!key.ok && key.reason === "unknown") throw new ApiError("not_found", `no active key ${keyId}`, "keyId");
  if (!key.ok) throw new ApiError("bad_request", `keyId: key ${keyId} cannot act as an agent (needs the agent or admin role)`, "keyId");
  const previous = await setAgentOwner(id, keyId);
  await audit({ actor: who.keyId, action: "agent.owner", target: id, detail: { keyId, previousKeyId: previous } });
  await sendToHub({ agentOwners: [{ agentId: id, keyId }] });
  return Response.json({ agentId: id, owner: { keyId, name: key.name }, previousKeyId: previous });
});
