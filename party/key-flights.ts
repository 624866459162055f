import type * as Party from "partykit/server";
import { isRole } from "../lib/auth/roles";
import { signedHeaders } from "../lib/bridge/sign";
import { ROOM_ID } from "../lib/protocol/constants";
import type { HubConfig } from "./config";
import { cachedKeyHash, lookupKeyHash, rememberKeyHash, type Lookup } from "./key-lookup";

/**
 * The room's single-flight for key lookups: 1,000 sockets opening at once with one key cost the web one signed call,
 * not 1,000. A Durable Object may share a promise across its requests (a stateless worker may not), so the worker
 * asks the room (KEY_LOOKUP_PATH) instead of the web. Results are cached by lookupKeyHash as before.
 */
export class KeyFlights {
  private readonly inFlight = new Map<string, Promise<Lookup>>();

  constructor(private readonly config: HubConfig) {}

  lookup(keyHash: string): Promise<Lookup> {
    const running = this.inFlight.get(keyHash);
    if (running) return running;
    const flight = lookupKeyHash(this.config, keyHash).finally(() => this.inFlight.delete(keyHash));
    this.inFlight.set(keyHash, flight);
    return flight;
  }

  /** How many distinct keys are being looked up now (reported by /health). */
  size(): number {
    return this.inFlight.size;
  }
}

/** Where the worker asks the room to look a key up (signed with the shared secret, body = the key's hash). */
export const KEY_LOOKUP_PATH = "/key-lookup";

/** A lookup as the room answered it, checked before the worker trusts it. */
function parseLookup(value: unknown): Lookup | null {
  if (typeof value !== "object" || value === null || !("status" in value)) return null;
  const v = value as { status: unknown; principal?: { keyId?: unknown; name?: unknown; role?: unknown }; reason?: unknown };
  if (v.status === "unknown") return { status: "unknown" };
  if (v.status === "unavailable") return { status: "unavailable", reason: typeof v.reason === "string" ? v.reason : "room could not ask the web" };
  const p = v.principal;
  if (v.status === "known" && p && typeof p.keyId === "string" && typeof p.name === "string" && isRole(p.role))
    return { status: "known", principal: { keyId: p.keyId, name: p.name, role: p.role } };
  return null;
}

/** The worker's lookup: its own cache first, then the room's single-flight (never the web directly). */
export async function lookupThroughRoom(lobby: Party.FetchLobby | Party.Lobby, config: HubConfig, keyHash: string): Promise<Lookup> {
  const cached = cachedKeyHash(keyHash);
  if (cached) return cached;
  const stub = lobby.parties.main?.get(ROOM_ID);
  if (!stub) return lookupKeyHash(config, keyHash);
  try {
    const res = await stub.fetch(KEY_LOOKUP_PATH, { method: "POST", headers: await signedHeaders(config.secret, keyHash), body: keyHash });
    const lookup = res.ok ? parseLookup(await res.json()) : null;
    if (!lookup) return { status: "unavailable", reason: `room answered the key lookup with ${res.status}` };
    return rememberKeyHash(keyHash, lookup);
  } catch (error) {
    return { status: "unavailable", reason: error instanceof Error ? error.message : String(error) };
  }
}
