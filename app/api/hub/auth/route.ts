import { z } from "zod";
import { findPrincipalByKeyHash } from "@/lib/db/queries/keys";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { readSignedBody } from "@/lib/hub/verify";
import { LIMITS } from "@/lib/protocol/limits";

const body = z.object({ keyHash: z.string().regex(/^[0-9a-f]{64}$/) });

/** hub → web: who holds this key? The hub sends only the key's hash. */
export const POST = handle(async (req: Request) => {
  const parsed = body.safeParse(await readSignedBody(req, LIMITS.restBodyBytes));
  if (!parsed.success) throw new ApiError("bad_request", "expected { keyHash }", "keyHash");
  const principal = await findPrincipalByKeyHash(parsed.data.keyHash);
  if (!principal) throw new ApiError("unauthorized", "unknown key");
  return Response.json(principal);
});
