import type * as Party from "partykit/server";
import { REPLAY_MEMORY_MS, ReplayGuard } from "../lib/bridge/sign";

const PREFIX = "replay:";
/** Storage deletes at most 128 keys at once. */
const KEYS_PER_DELETE = 128;

/** Keys sort by expiry, so the expired ones are one key range. */
const keyOf = (signature: string, until: number) => `${PREFIX}${String(until).padStart(15, "0")}:${signature}`;
const parseKey = (key: string): { until: number; signature: string } | null => {
  const m = /^replay:(\d{15}):(.+)$/.exec(key);
  return m ? { until: Number(m[1]), signature: m[2]! } : null;
};

/**
 * The signed web→hub requests already seen, in room storage as well as in memory: a room that slept (hibernation) or
 * restarted starts with an empty memory, and would otherwise accept a captured request replayed within its window.
 */
export class StoredReplayGuard {
  private readonly guard = new ReplayGuard();

  constructor(private readonly storage: Party.Storage) {}

  /** Reads the signatures still in their window back into memory, and drops the expired ones. */
  async load(now = Date.now()): Promise<void> {
    const expired: string[] = [];
    for (const key of (await this.storage.list({ prefix: PREFIX })).keys()) {
      const parsed = parseKey(key);
      if (!parsed || parsed.until < now) expired.push(key);
      else this.guard.remember(parsed.signature, parsed.until, now);
    }
    await this.deleteKeys(expired);
  }

  /** True the first time a signature is offered (and from then on it is kept), false for a replay. */
  firstUse(signature: string, now = Date.now()): boolean {
    if (!this.guard.firstUse(signature, now)) return false;
    // Not awaited: the room's output gate holds the reply until the write is durable. Memory still guards if it fails.
    this.storage.put(keyOf(signature, now + REPLAY_MEMORY_MS), 1).catch((error: unknown) => {
      console.error("could not keep a seen signature:", error instanceof Error ? error.message : error);
    });
    return true;
  }

  /** Drops the expired signatures from storage (the alarm calls it). */
  async prune(now = Date.now()): Promise<void> {
    const expired = await this.storage.list({ start: PREFIX, end: keyOf("", now) });
    await this.deleteKeys([...expired.keys()]);
  }

  private async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += KEYS_PER_DELETE) await this.storage.delete(keys.slice(i, i + KEYS_PER_DELETE));
  }
}
