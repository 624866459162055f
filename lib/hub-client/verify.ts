import "server-only";
import { ReplayGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "../bridge/sign";
import { env } from "../env";
import { readBodyText } from "../http/body";
import { ApiError } from "../http/errors";

/** One per web process: a captured hub request replayed within its validity window is refused. */
const replays = new ReplayGuard();

/** Reads a bridge request's body (at most `maxBytes`) and refuses it unless the hub signed it just now, and only once. */
export async function readSignedBody(req: Request, maxBytes: number): Promise<unknown> {
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  const signature = req.headers.get(SIGNATURE_HEADER);
  // Unsigned requests are refused before their body is read at all.
  if (!timestamp || !signature) throw new ApiError("unauthorized", "bad bridge signature");
  const body = await readBodyText(req, maxBytes);
  const ok = await verifySignature(env().COCKPIT_SECRET, body, timestamp, signature);
  if (!ok) throw new ApiError("unauthorized", "bad bridge signature");
  if (!replays.firstUse(signature)) throw new ApiError("unauthorized", "replayed bridge request");
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError("bad_request", "body is not valid JSON");
  }
}
