import "server-only";
import { constantTimeEqual } from "../bridge/sign";
import { can, type Permission, type Principal } from "../auth/roles";
import { verifyToken } from "../auth/token";
import { findPrincipalByKey } from "../db/queries/keys";
import { env, envKeys } from "../env";
import { ApiError } from "./errors";
import { isKeyActive } from "../auth/key-status";

export const SESSION_COOKIE = "cockpit_session";

function cookieValue(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** A key from `Authorization: Bearer`, the spec's way; the env keys are full-access admins. */
export async function principalFromKey(key: string): Promise<Principal | null> {
  for (const k of envKeys()) {
    if (constantTimeEqual(k.key, key)) return { keyId: `env:${k.name}`, name: k.name, role: "admin" };
  }
  return findPrincipalByKey(key);
}

type Authed = Principal & { via: "key" | "session" };

/** Who sent this request to the web: an API key (Bearer) or a dashboard session cookie. */
export async function authenticateWebRequest(req: Request): Promise<Authed> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = header.match(/^Bearer\s+(\S+)$/i);
    const principal = match?.[1] ? await principalFromKey(match[1]) : null;
    if (!principal) throw new ApiError("unauthorized", "invalid API key");
    return { ...principal, via: "key" };
  }
  const session = cookieValue(req, SESSION_COOKIE);
  const claims = session ? await verifyToken(env().COCKPIT_SECRET, "session", session) : null;
  if (!claims) throw new ApiError("unauthorized", "send Authorization: Bearer <API key>");
  // A session lives only as long as the key it was opened with.
  if (!(await isKeyActive(claims.keyId))) throw new ApiError("unauthorized", "the key behind this session was revoked; sign in again");
  return { keyId: claims.keyId, name: claims.name, role: claims.role, via: "session" };
}

/** Authenticates and checks the permission; cookie-borne writes must come from our own origin (CSRF). */
export async function requirePermission(req: Request, permission: Permission): Promise<Authed> {
  const who = await authenticateWebRequest(req);
  if (!can(who.role, permission)) throw new ApiError("forbidden", `a ${who.role} key may not do this (needs ${permission})`);
  if (who.via === "session" && req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
    throw new ApiError("forbidden", "cross-site request refused");
  }
  return who;
}

/** Same-origin check for cookie-bearing writes and form posts: browsers always send Origin on POST. */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
