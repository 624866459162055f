import "server-only";
import { ReplayGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../bridge/sign";
import { env } from "../env";
import { ApiError } from "../http/errors";

/** One per web process: a captured hub request replayed within its validity window is refused. */
const replays = new ReplayGuard();

/** Reads a bridge request's body and refuses it unless the hub signed it just now, and only once. */
export async function readSignedBody(req: Request): Promise<unknown> {
  const body = await req.text();
  const signature = req.headers.get(SIGNATURE_HEADER);
  const ok = await verifySignature(env().COCKPIT_SECRET, body, req.headers.get(TIMESTAMP_HEADER), signature);
  if (!ok || !signature) throw new ApiError("unauthorized", "bad bridge signature");
  if (!replays.firstUse(signature)) throw new ApiError("unauthorized", "replayed bridge request");
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError("bad_request", "body is not valid JSON");
  }
}
