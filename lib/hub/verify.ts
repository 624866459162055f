import "server-only";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../bridge/sign";
import { env } from "../env";
import { ApiError } from "../http/errors";

/** Reads a bridge request's body and refuses it unless the hub signed it just now. */
export async function readSignedBody(req: Request): Promise<unknown> {
  const body = await req.text();
  const ok = await verifySignature(env().COCKPIT_SECRET, body, req.headers.get(TIMESTAMP_HEADER), req.headers.get(SIGNATURE_HEADER));
  if (!ok) throw new ApiError("unauthorized", "bad bridge signature");
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError("bad_request", "body is not valid JSON");
  }
}
