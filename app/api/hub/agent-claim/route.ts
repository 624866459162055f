import { agentClaimRequest, type AgentClaimReply } from "@/lib/bridge/messages";
import { getDb } from "@/lib/db/client";
import { claimAgentId } from "@/lib/db/queries/agent-owners";
import { audit } from "@/lib/db/queries/audit";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { LIMITS } from "@/lib/protocol/limits";
import { readSignedBody } from "@/lib/hub-client/verify";

/** hub → web: the first key to register an agentId owns it; every later claim learns who does. */
export const POST = handle(async (req: Request) => {
  const parsed = agentClaimRequest.safeParse(await readSignedBody(req, LIMITS.restBodyBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || undefined;
    throw new ApiError("bad_request", `${field ?? "body"}: ${issue?.message ?? "expected { agentId, keyId }"}`, field, parsed.error.issues);
  }
  const { agentId, keyId } = parsed.data;
  const ownerKeyId = await claimAgentId(await getDb(), agentId, keyId);
  if (ownerKeyId !== keyId) await audit({ actor: keyId, action: "agent.claim-refused", target: agentId, detail: { owner: ownerKeyId, via: "hub" } });
  const reply: AgentClaimReply = { agentId, ownerKeyId, granted: ownerKeyId === keyId };
  return Response.json(reply);
});
