import type * as Party from "partykit/server";
import type { Principal } from "../lib/auth/roles";
import { KNOWN_KEY_MAX_AGE_MS } from "./auth";

const PREFIX = "known:";
type KnownKey = { principal: Principal; verifiedAt: number };

/** A key remembered this recently is not written again: 1,000 agents sharing a key connecting made 1,000 writes. */
export const REMEMBER_REFRESH_MS = 10 * 60_000;

/**
 * Keys the web verified when an agent connected, kept in room storage so a hub restart while the web is down does not
 * lock every agent out. Revocation goes through the web, which tells the room (revokedKeyIds) to forget them.
 */
export class KnownKeys {
  /** When this room last stored each key, with the principal stored (a changed role or name is written at once). */
  private readonly stored = new Map<string, { at: number; principal: string }>();

  constructor(private readonly storage: Party.Storage) {}

  async remember(keyHash: string, principal: Principal, now = Date.now()): Promise<void> {
    const same = JSON.stringify(principal);
    const last = this.stored.get(keyHash);
    if (last && last.principal === same && now - last.at < REMEMBER_REFRESH_MS) return;
    await this.storage.put(PREFIX + keyHash, { principal, verifiedAt: now } satisfies KnownKey);
    this.stored.set(keyHash, { at: now, principal: same });
  }

  async find(keyHash: string, now = Date.now()): Promise<Principal | null> {
    const entry = await this.storage.get<KnownKey>(PREFIX + keyHash);
    if (!entry || now - entry.verifiedAt > KNOWN_KEY_MAX_AGE_MS) return null;
    return entry.principal;
  }

  async forgetKeyIds(keyIds: readonly string[]): Promise<void> {
    if (keyIds.length === 0) return;
    this.stored.clear();
    const all = await this.storage.list<KnownKey>({ prefix: PREFIX });
    const gone = [...all].filter(([, v]) => keyIds.includes(v.principal.keyId)).map(([k]) => k);
    if (gone.length > 0) await this.storage.delete(gone);
  }
}
