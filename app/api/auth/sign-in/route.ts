import { mintToken } from "@/lib/auth/token";
import { can } from "@/lib/auth/roles";
import { isSecureRequest, safeNextPath, sessionCookieHeader } from "@/lib/auth/session";
import { audit } from "@/lib/db/queries/audit";
import { env } from "@/lib/env";
import { isSameOrigin, principalFromKey } from "@/lib/http/auth";
import { readBodyBytes } from "@/lib/http/body";
import { handle } from "@/lib/http/route";
import { LIMITS } from "@/lib/protocol/limits";

export const dynamic = "force-dynamic";

function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store", ...headers } });
}

/** The form's fields, read through the one capped body reader (urlencoded or multipart, as the browser chose). */
async function readForm(req: Request): Promise<FormData | null> {
  const bytes = await readBodyBytes(req, LIMITS.formBodyBytes);
  return new Response(bytes, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData().catch(() => null);
}

/** A plain form post (works without JavaScript): the key is exchanged for a session cookie and never echoed. */
export const POST = handle(
  async (req: Request): Promise<Response> => {
    if (!isSameOrigin(req)) return Response.json({ error: { code: "forbidden", message: "cross-site request refused" } }, { status: 403 });
    const form = await readForm(req);
    const key = form?.get("key");
    const next = safeNextPath(form?.get("next"));
    const back = (error: string) => seeOther(`/sign-in?error=${error}${next !== "/" ? `&next=${encodeURIComponent(next)}` : ""}`);
    if (typeof key !== "string" || key.trim().length === 0) return back("missing");
    if (key.length > 512) return back("invalid");
    const principal = await principalFromKey(key.trim());
    if (!principal) return back("invalid");
    if (!can(principal.role, "read")) return back("agent-key");
    const ttlSeconds = env().SESSION_TTL_SECONDS;
    const token = await mintToken(env().COCKPIT_SECRET, "session", principal, ttlSeconds * 1000);
    await audit({ actor: principal.keyId, action: "session.start", target: principal.keyId });
    return seeOther(next, { "set-cookie": sessionCookieHeader(token, ttlSeconds, isSecureRequest(req)) });
  },
  { maxBodyBytes: LIMITS.formBodyBytes },
);
