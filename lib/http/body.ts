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
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading: the rest of the body is never buffered.
      void reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
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
