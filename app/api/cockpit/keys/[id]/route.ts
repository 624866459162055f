import { audit } from "@/lib/db/queries/audit";
import { revokeApiKey } from "@/lib/db/queries/keys";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";

export const dynamic = "force-dynamic";

/** Revokes a key: REST refuses it at once, the hub closes its sockets (4001) and refuses it within 10 s. */
export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const { id } = await ctx.params;
  if (!/^key_[0-9a-f-]{36}$/.test(id)) throw new ApiError("bad_request", "invalid key id", "id");
  if (!(await revokeApiKey(id))) throw new ApiError("not_found", `no active key ${id}`);
  await audit({ actor: who.keyId, action: "key.revoke", target: id });
  await sendToHub({ revokedKeyIds: [id] });
  return Response.json({ revoked: id });
});
