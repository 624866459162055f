import { mintToken } from "@/lib/auth/token";
import { publicHubUrl } from "@/lib/dashboard/hub-url";
import { dashboardPingIntervalMs } from "@/lib/dashboard/ping-interval";
import { env } from "@/lib/env";
import { requirePermission } from "@/lib/http/auth";
import { hostHeader } from "@/lib/http/input";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Tokens live one minute: enough to open the socket; each reconnect asks for a fresh one. */
const SOCKET_TOKEN_TTL_MS = 60_000;

export const GET = handle(async (req: Request) => {
  // requirePermission refuses a session whose key was revoked: no new socket for it.
  const who = await requirePermission(req, "read");
  const token = await mintToken(env().COCKPIT_SECRET, "socket", { keyId: who.keyId, name: who.name, role: who.role }, SOCKET_TOKEN_TTL_MS);
  const hubUrl = publicHubUrl(hostHeader(req), req.headers.get("x-forwarded-proto"));
  return Response.json(
    { token, hubUrl, expiresInMs: SOCKET_TOKEN_TTL_MS, pingIntervalMs: dashboardPingIntervalMs() },
    { headers: { "cache-control": "no-store" } },
  );
});
