import { z } from "zod";
import { isKeyActive } from "@/lib/auth/key-status";
import { findPrincipalByKeyHash } from "@/lib/db/queries/keys";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { readSignedBody } from "@/lib/hub-client/verify";
import { LIMITS } from "@/lib/protocol/limits";

const body = z.union([z.object({ keyHash: z.string().regex(/^[0-9a-f]{64}$/) }), z.object({ keyId: z.string().min(1).max(128) })]);

/** hub → web: who holds this key (the hub sends only its hash)? Or: is the key behind a socket token still active? */
export const POST = handle(async (req: Request) => {
  const parsed = body.safeParse(await readSignedBody(req, LIMITS.restBodyBytes));
  if (!parsed.success) throw new ApiError("bad_request", "expected { keyHash } or { keyId }", "keyHash");
  if ("keyId" in parsed.data) {
    if (!(await isKeyActive(parsed.data.keyId))) throw new ApiError("unauthorized", "key revoked or unknown");
    return Response.json({ keyId: parsed.data.keyId, active: true });
  }
  const principal = await findPrincipalByKeyHash(parsed.data.keyHash);
  if (!principal) throw new ApiError("unauthorized", "unknown key");
  return Response.json(principal);
});
