import type * as Party from "partykit/server";
import { constantTimeEqual, hmacHex, sha256Hex } from "../lib/bridge/sign";
import { verifyToken } from "../lib/auth/token";
import { isRole, type Principal } from "../lib/auth/roles";
import type { HubConfig } from "./config";
import { lookupKeyHash, lookupKeyId, type Lookup } from "./key-lookup";

/** Header the worker sets after authenticating; the room trusts it only with a valid signature. */
export const PRINCIPAL_HEADER = "x-cockpit-principal";

export type ConnectionKind = "agent" | "dashboard";
/** `keyHash` for stored keys; `verified` is false when only the room's memory of a recent verification vouched for it. */
export type Authenticated = Principal & { kind: ConnectionKind; keyHash?: string; verified?: boolean };

/** How long a key the web verified keeps opening sockets while the web cannot be reached (a hub restart included). */
export const KNOWN_KEY_MAX_AGE_MS = 7 * 24 * 3600_000;

/** The credential from `Authorization: Bearer …` or, for browsers and partysocket, `?token=`. */
export function credentialOf(req: Party.Request): string | null {
  const header = req.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S{1,512})$/i);
  if (match?.[1]) return match[1];
  const token = new URL(req.url).searchParams.get("token");
  return token && token.length <= 2048 ? token : null;
}

export type AuthOutcome = { ok: true; who: Authenticated } | { ok: false; status: 401 | 503; message: string };
/** Asks the room whether it saw this key verified recently (used only while the web is unreachable). */
export type KnownKeyFallback = (keyHash: string) => Promise<Principal | null>;

const refuse = (message: string): AuthOutcome => ({ ok: false, status: 401, message });

/** Who opens this socket or calls the hub: an API key (header or query) or a dashboard socket token. */
export async function authenticateHubRequest(
  config: HubConfig,
  req: Party.Request,
  knownKey: KnownKeyFallback,
  lookup: (keyHash: string) => Promise<Lookup> = (keyHash) => lookupKeyHash(config, keyHash),
): Promise<AuthOutcome> {
  const credential = credentialOf(req);
  if (!credential) return refuse("missing API key");
  const wantsDashboard = new URL(req.url).searchParams.get("as") === "dashboard";
  if (credential.startsWith("ct1.")) {
    // Only short-lived socket tokens open a dashboard socket; a session cookie's token is refused here.
    const claims = await verifyToken(config.secret, "socket", credential);
    if (!claims) return refuse("invalid or expired socket token");
    const who: Authenticated = { keyId: claims.keyId, name: claims.name, role: claims.role, kind: "dashboard" };
    if (claims.keyId.startsWith("env:"))
      return config.envKeys.some((k) => `env:${k.name}` === claims.keyId) ? { ok: true, who } : refuse("key no longer configured");
    const active = await lookupKeyId(config, claims.keyId);
    // While the web is unreachable a signed token of at most a few minutes still opens a (read-only) socket.
    return active.status === "unknown" ? refuse("the key behind this token was revoked") : { ok: true, who };
  }
  const kindFor = (p: Principal): ConnectionKind => (p.role === "agent" || (p.role === "admin" && !wantsDashboard) ? "agent" : "dashboard");
  // Label an environment key by the variable it came from (with only ASSISTANT_API_KEY set, it is not QUEUE_API_KEY).
  const envKey = config.envKeys.find((k) => constantTimeEqual(k.key, credential));
  if (envKey) {
    const principal: Principal = { keyId: `env:${envKey.name}`, name: "environment key", role: "admin" };
    return { ok: true, who: { ...principal, kind: kindFor(principal) } };
  }
  const keyHash = await sha256Hex(credential);
  const found = await lookup(keyHash);
  if (found.status === "known") return { ok: true, who: { ...found.principal, kind: kindFor(found.principal), keyHash, verified: true } };
  if (found.status === "unknown") return refuse("missing or invalid API key");
  const remembered = await knownKey(keyHash).catch(() => null);
  if (remembered) return { ok: true, who: { ...remembered, kind: kindFor(remembered), keyHash, verified: false } };
  console.warn("key lookup failed:", found.reason);
  return { ok: false, status: 503, message: "the hub cannot verify keys right now (the web is unreachable); retry shortly" };
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

/** The web is unreachable and the key is not one the room saw verified recently: retry, it is not a bad key. */
export function unavailable(message: string): Response {
  return new Response(JSON.stringify({ error: { code: "hub_unavailable", message } }), {
    status: 503,
    headers: { "content-type": "application/json", "retry-after": "5" },
  });
}

export function refusal(outcome: Extract<AuthOutcome, { ok: false }>): Response {
  return outcome.status === 503 ? unavailable(outcome.message) : unauthorized(outcome.message);
}

export function unauthorized(message = "missing or invalid API key"): Response {
  return new Response(JSON.stringify({ error: { code: "unauthorized", message } }), {
    status: 401,
    headers: { "content-type": "application/json", "www-authenticate": "Bearer" },
  });
}
