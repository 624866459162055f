import type * as Party from "partykit/server";
import { constantTimeEqual, hmacHex, sha256Hex, signedHeaders } from "../lib/bridge/sign";
import { verifyToken } from "../lib/auth/token";
import { isRole, type Principal } from "../lib/auth/roles";
import type { HubConfig } from "./config";

/** Header the worker sets after authenticating; the room trusts it only with a valid signature. */
export const PRINCIPAL_HEADER = "x-cockpit-principal";

export type ConnectionKind = "agent" | "dashboard";
export type Authenticated = Principal & { kind: ConnectionKind };

const lookupCache = new Map<string, { principal: Principal | null; until: number }>();

/** The credential from `Authorization: Bearer …` or, for browsers and partysocket, `?token=`. */
export function credentialOf(req: Party.Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S{1,512})$/i);
  if (match?.[1]) return match[1];
  const token = new URL(req.url).searchParams.get("token");
  return token && token.length <= 2048 ? token : null;
}

/**
 * Results (plain values) are shared across requests; the in-flight lookup is not, because workerd does not let one
 * request await a promise that another request's I/O resolves. A cold cache under a reconnect storm therefore costs
 * one lookup per connection until the first answer lands.
 */
async function lookupKeyAtWeb(config: HubConfig, key: string): Promise<Principal | null> {
  const keyHash = await sha256Hex(key);
  const cached = lookupCache.get(keyHash);
  if (cached && cached.until > Date.now()) return cached.principal;
  const body = JSON.stringify({ keyHash });
  let principal: Principal | null = null;
  try {
    const res = await fetch(`${config.webUrl}/api/hub/auth`, { method: "POST", headers: await signedHeaders(config.secret, body), body });
    if (res.ok) {
      const data = (await res.json()) as Record<string, unknown>;
      if (typeof data.keyId === "string" && typeof data.name === "string" && isRole(data.role)) {
        principal = { keyId: data.keyId, name: data.name, role: data.role };
      }
    } else if (res.status !== 401) {
      throw new Error(`web answered ${res.status}`);
    }
  } catch (error) {
    // The web is down: refuse now rather than trust, but do not cache the refusal.
    console.warn("key lookup failed:", error instanceof Error ? error.message : error);
    return null;
  }
  // Short positive TTL bounds how long a revoked key can still open sockets.
  lookupCache.set(keyHash, { principal, until: Date.now() + (principal ? 10_000 : 5_000) });
  if (lookupCache.size > 10_000) lookupCache.clear();
  return principal;
}

export async function authenticate(config: HubConfig, req: Party.Request): Promise<Authenticated | null> {
  const credential = credentialOf(req);
  if (!credential) return null;
  const wantsDashboard = new URL(req.url).searchParams.get("as") === "dashboard";
  if (credential.startsWith("ct1.")) {
    const claims = await verifyToken(config.secret, credential);
    return claims ? { keyId: claims.keyId, name: claims.name, role: claims.role, kind: "dashboard" } : null;
  }
  // Label an environment key by the variable it came from (with only ASSISTANT_API_KEY set, it is not QUEUE_API_KEY).
  const envKey = config.envKeys.find((k) => constantTimeEqual(k.key, credential));
  const principal: Principal | null = envKey ? { keyId: `env:${envKey.name}`, name: "environment key", role: "admin" } : await lookupKeyAtWeb(config, credential);
  if (!principal) return null;
  const kind: ConnectionKind = principal.role === "agent" || (principal.role === "admin" && !wantsDashboard) ? "agent" : "dashboard";
  return { ...principal, kind };
}

export async function encodePrincipal(config: HubConfig, who: Authenticated): Promise<string> {
  const body = btoa(JSON.stringify(who));
  return `${body}.${await hmacHex(config.secret, `principal.${body}`)}`;
}

export async function decodePrincipal(config: HubConfig, header: string | null): Promise<Authenticated | null> {
  if (!header) return null;
  const [body, signature] = header.split(".");
  if (!body || !signature) return null;
  if (!constantTimeEqual(await hmacHex(config.secret, `principal.${body}`), signature)) return null;
  try {
    const who = JSON.parse(atob(body)) as Authenticated;
    return isRole(who.role) && (who.kind === "agent" || who.kind === "dashboard") ? who : null;
  } catch {
    return null;
  }
}

export function unauthorized(message = "missing or invalid API key"): Response {
  return new Response(JSON.stringify({ error: { code: "unauthorized", message } }), {
    status: 401,
    headers: { "content-type": "application/json", "www-authenticate": "Bearer" },
  });
}
