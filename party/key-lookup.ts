import { signedHeaders } from "../lib/bridge/sign";
import { isRole, type Principal } from "../lib/auth/roles";
import type { HubConfig } from "./config";

/** What the web said about a credential: known, unknown (refuse: 401), or nothing because it is unreachable (503). */
export type Lookup = { status: "known"; principal: Principal } | { status: "unknown" } | { status: "unavailable"; reason: string };

type Cached = { lookup: Lookup; until: number };
const byHash = new Map<string, Cached>();
const byKeyId = new Map<string, Cached>();
const CACHE_LIMIT = 10_000;
/** A short positive TTL bounds how long a revoked key can still open sockets. */
const KNOWN_TTL_MS = 10_000;
const UNKNOWN_TTL_MS = 5_000;

function remember(cache: Map<string, Cached>, key: string, lookup: Lookup): Lookup {
  // An outage is never cached: the next attempt asks again.
  if (lookup.status === "unavailable") return lookup;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, { lookup, until: Date.now() + (lookup.status === "known" ? KNOWN_TTL_MS : UNKNOWN_TTL_MS) });
  return lookup;
}

/** A fresh cached answer for this key hash, if any (the worker checks before asking the room). */
export function cachedKeyHash(keyHash: string): Lookup | null {
  const cached = byHash.get(keyHash);
  return cached && cached.until > Date.now() ? cached.lookup : null;
}

/** Keeps an answer the room gave the worker. */
export function rememberKeyHash(keyHash: string, lookup: Lookup): Lookup {
  return remember(byHash, keyHash, lookup);
}

/** A revoked key stops opening sockets at once, not when its cached answer expires (where worker and room share this module). */
export function forgetKeyIds(keyIds: readonly string[]): void {
  for (const [hash, cached] of byHash) if (cached.lookup.status === "known" && keyIds.includes(cached.lookup.principal.keyId)) byHash.delete(hash);
  for (const keyId of keyIds) byKeyId.delete(keyId);
}

/** Signed calls made to the web's /api/hub/auth by this isolate (reported by /health; shows single-flight at work). */
let webLookups = 0;
export const webLookupCount = (): number => webLookups;

/** POST to the web's /api/hub/auth; a 401 means unknown, anything else but 200 means the web cannot answer now. */
async function askWeb(config: HubConfig, payload: Record<string, string>): Promise<{ ok: true; data: Record<string, unknown> } | Lookup> {
  // workerd's clock stands still within a request, so concurrent lookups of one key would sign identical bodies with
  // one timestamp, and the web refuses all but the first as replays (then read here as "unknown key"): a nonce apiece.
  const body = JSON.stringify({ ...payload, nonce: crypto.randomUUID() });
  webLookups += 1;
  try {
    const res = await fetch(`${config.webUrl}/api/hub/auth`, {
      method: "POST",
      headers: await signedHeaders(config.secret, body),
      body,
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status === 401) return { status: "unknown" };
    if (!res.ok) return { status: "unavailable", reason: `web answered ${res.status}` };
    return { ok: true, data: (await res.json()) as Record<string, unknown> };
  } catch (error) {
    return { status: "unavailable", reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Results (plain values) are shared across requests; the in-flight lookup is not, because workerd does not let one
 * request await a promise that another request's I/O resolves.
 */
export async function lookupKeyHash(config: HubConfig, keyHash: string): Promise<Lookup> {
  const cached = cachedKeyHash(keyHash);
  if (cached) return cached;
  const answer = await askWeb(config, { keyHash });
  if (!("ok" in answer)) return remember(byHash, keyHash, answer);
  const { keyId, name, role } = answer.data;
  if (typeof keyId !== "string" || typeof name !== "string" || !isRole(role)) return { status: "unavailable", reason: "web answered an unexpected body" };
  return remember(byHash, keyHash, { status: "known", principal: { keyId, name, role } });
}

/** Whether the key behind a socket token still stands (a revoked key's tokens stop opening sockets). */
export async function lookupKeyId(config: HubConfig, keyId: string): Promise<Lookup> {
  const cached = byKeyId.get(keyId);
  if (cached && cached.until > Date.now()) return cached.lookup;
  const answer = await askWeb(config, { keyId });
  if (!("ok" in answer)) return remember(byKeyId, keyId, answer);
  return remember(byKeyId, keyId, { status: "known", principal: { keyId, name: "", role: "viewer" } });
}
