/**
 * Below this many bytes a JSON answer goes out as is: Next gzips every streamed route answer whatever its size, and a
 * gzip stream costs ~0.4 ms of CPU per request here (most of a small answer's cost) to save a few hundred bytes.
 */
export const COMPRESS_FROM_BYTES = 4096;

/**
 * A JSON answer read whole: a small one says `no-transform` so the server's compression leaves it alone, a larger one
 * is compressed as before. Anything else (streams, HTML, empty bodies) passes through untouched.
 */
export async function smallJsonUncompressed(res: Response): Promise<Response> {
  if (!res.body || !(res.headers.get("content-type") ?? "").startsWith("application/json")) return res;
  const body = await res.arrayBuffer();
  const headers = new Headers(res.headers);
  if (body.byteLength < COMPRESS_FROM_BYTES) {
    const cacheControl = headers.get("cache-control");
    headers.set("cache-control", cacheControl ? `${cacheControl}, no-transform` : "no-transform");
  }
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
