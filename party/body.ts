import { readCappedStream } from "../lib/bridge/capped-body";

/** Reads a request body as text, refusing it by Content-Length or once the streamed bytes pass `maxBytes`. */
export async function readCappedText(req: Request, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; status: 413 | 400; message: string }> {
  const declared = req.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
    return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
  }
  const bytes = await readCappedStream(req.body, maxBytes);
  if (!bytes) return { ok: false, status: 413, message: `body larger than ${maxBytes} bytes` };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, message: "body is not UTF-8" };
  }
}
