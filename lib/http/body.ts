import { readCappedStream } from "../bridge/capped-body";
import { ApiError } from "./errors";

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `body exceeds ${maxBytes} bytes`);
}

/** Refuses a request whose declared Content-Length is over `maxBytes`, before a byte of its body is read. */
export function refuseDeclaredOversize(req: Request, maxBytes: number): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The one way a route reads a body: refused by its declared length first, then by counting the bytes as they
 * stream in (chunked bodies declare none), so an oversize body is cut off at `maxBytes` and never held whole.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  refuseDeclaredOversize(req, maxBytes);
  const body = await readCappedStream(req.body, maxBytes);
  if (!body) throw tooLarge(maxBytes);
  return body;
}

/** A capped body as text; bytes that are not UTF-8 are refused rather than silently replaced. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(req, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("bad_request", "body is not valid UTF-8");
  }
}
