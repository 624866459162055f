/**
 * The web's production server: Next's own request handler (what `next start` runs), with the hot API routes
 * (lib/http/fast-routes.ts) called directly, skipping ~2 ms of Next's per-request CPU on each. Settings come from the
 * environment: PORT, HOST (127.0.0.1 unless set), NEXT_DIST_DIR (next.config), WEB_KEEP_ALIVE_MS.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import next from "next";
import { ApiError, apiErrorResponse } from "../lib/http/api-error";
import { fastRoutes, type FastRoute } from "../lib/http/fast-routes";
import { logError } from "../lib/http/log";
import { SECURITY_HEADERS } from "../lib/http/security-headers";

const ROOT = resolve(import.meta.dirname, "..");
const gzipAsync = promisify(gzip);
/** Next's compression (the `compression` package) leaves smaller answers alone. */
const COMPRESS_MIN_BYTES = 1024;
const NO_PARAMS = { params: Promise.resolve({}) };

/** The registered route for this exact method and path, if its module has loaded (see fast-routes.ts). */
function fastRouteFor(req: IncomingMessage): FastRoute | undefined {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  return fastRoutes().get(`${req.method} ${query === -1 ? url : url.slice(0, query)}`);
}

/** The body, or null once it passes `maxBytes` (a chunked body declares no length; nothing over the cap is kept). */
function readCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Over the cap: what was kept is dropped and the rest is read and discarded as it comes, as Node does for a
      // body no one read, so the 413 reaches a client that is still sending.
      chunks.length = 0;
      req.off("data", take);
      req.resume();
      done(null);
    };
    req.on("data", take);
    req.once("end", () => done(Buffer.concat(chunks, size)));
    req.once("error", fail);
    // A client gone mid-body: nothing more will come, and no one will read the answer.
    req.once("close", () => (req.complete ? undefined : done(null)));
  });
}

function requestFor(req: IncomingMessage, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // The path is all a route reads from the URL; the Host header is the client's to set, so it is not trusted here.
  return new Request(`http://localhost${req.url}`, { method: req.method, headers, body: body as Uint8Array<ArrayBuffer> | undefined });
}

/** Writes a route's answer as Next would: security headers, and gzip for a larger body the client accepts. */
async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  let body = Buffer.from(await response.arrayBuffer());
  const headers = new Map<string, string | string[]>();
  for (const { key, value } of SECURITY_HEADERS) headers.set(key.toLowerCase(), value);
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers.set(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers.set("set-cookie", cookies);
  const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const transformable = !/\bno-transform\b/.test(String(headers.get("cache-control") ?? ""));
  if (accepts && transformable && body.length >= COMPRESS_MIN_BYTES && !headers.has("content-encoding")) {
    body = await gzipAsync(body);
    headers.set("content-encoding", "gzip");
    headers.set("vary", "Accept-Encoding");
  }
  headers.set("content-length", String(body.length));
  res.writeHead(response.status, Object.fromEntries(headers));
  res.end(body);
}

async function serveFast(route: FastRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    // A declared length over the cap is refused before a byte is read (a client may wait for that answer to send).
    const declared = Number(req.headers["content-length"] ?? 0);
    const body = req.method === "GET" || declared > route.maxBodyBytes ? undefined : await readCapped(req, route.maxBodyBytes);
    if (body === null || declared > route.maxBodyBytes) {
      // As Next does: the connection stays open and Node discards the rest of the body as it arrives (closing it
      // under a client still sending made its write fail with EPIPE before it read the 413).
      await writeResponse(req, res, apiErrorResponse(new ApiError("payload_too_large", `body exceeds ${route.maxBodyBytes} bytes`)));
      return;
    }
    await writeResponse(req, res, await route.handler(requestFor(req, body), NO_PARAMS));
  } catch (error) {
    // Route errors are answered inside the route (handle()); this is the server's own, logged as every error is.
    logError("internal error", error, new Request(`http://localhost${req.url}`, { method: req.method }));
    if (!res.headersSent) await writeResponse(req, res, apiErrorResponse(new ApiError("internal", "internal error")));
    else res.destroy();
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  // HOST, not HOSTNAME: shells and containers set HOSTNAME to the machine's name.
  const hostname = process.env.HOST || "127.0.0.1";
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const server = createServer((req, res) => {
    const route = fastRouteFor(req);
    // serveFast answers its own errors; should writing that answer fail too, the socket is dropped, never the process.
    if (route) serveFast(route, req, res).catch(() => res.destroy());
    else void handleNext(req, res);
  });
  const keepAlive = Number(process.env.WEB_KEEP_ALIVE_MS ?? 0);
  if (keepAlive > 0) server.keepAliveTimeout = keepAlive;
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)
    process.once(signal, () => process.exit(code));
  server.listen(port, hostname, () => console.log(`web ready on http://${hostname}:${port}`));
}

await main();
