import { agentClaimRequest, type AgentClaimAnswer, type AgentClaimReply } from "@/lib/bridge/messages";
import { getDb } from "@/lib/db/client";
import { claimAgentId } from "@/lib/db/queries/agent-owners";
import { audit } from "@/lib/db/queries/audit";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { LIMITS } from "@/lib/protocol/limits";
import { readSignedBody } from "@/lib/hub-client/verify";

/** hub → web: the first key to register an agentId owns it; every later claim learns who does. Many per request. */
export const POST = handle(async (req: Request) => {
  const parsed = agentClaimRequest.safeParse(await readSignedBody(req, LIMITS.restBodyBytes));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || undefined;
    throw new ApiError("bad_request", `${field ?? "body"}: ${issue?.message ?? "expected { claims: [{ agentId, keyId }] }"}`, field, parsed.error.issues);
  }
  // One transaction for the whole batch, refusals' audit rows included (as ingest audits them): one commit, however
  // many agents connected at once.
  const db = await getDb();
  const answers = await db.transaction(async (tx) => {
    const out: AgentClaimAnswer[] = [];
    for (const { agentId, keyId } of parsed.data.claims) {
      const ownerKeyId = await claimAgentId(tx, agentId, keyId);
      if (ownerKeyId !== keyId) await audit({ actor: keyId, action: "agent.claim-refused", target: agentId, detail: { owner: ownerKeyId, via: "hub" } }, tx);
      out.push({ agentId, ownerKeyId, granted: ownerKeyId === keyId });
    }
    return out;
  });
  const reply: AgentClaimReply = { claims: answers };
  return Response.json(reply);
});
