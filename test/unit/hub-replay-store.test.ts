import { describe, expect, it } from "vitest";
import type * as Party from "partykit/server";
import { REPLAY_MEMORY_MS } from "@/lib/bridge/sign";
import { StoredReplayGuard } from "@/party/replay-store";

/** Room storage as the guard uses it: sorted keys, list by prefix or by [start, end) range, put, delete. */
class SortedStorage {
  readonly data = new Map<string, unknown>();
  async put(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
  async delete(keys: string[]): Promise<number> {
    return keys.filter((k) => this.data.delete(k)).length;
  }
  async list(o: { prefix?: string; start?: string; end?: string }): Promise<Map<string, unknown>> {
    const keys = [...this.data.keys()].sort().filter((k) => (!o.prefix || k.startsWith(o.prefix)) && (!o.start || k >= o.start) && (!o.end || k < o.end));
    return new Map(keys.map((k) => [k, this.data.get(k)]));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the room's replay guard in storage", () => {
  it("refuses a signature seen by an earlier instance of the room, within its window only", async () => {
    const storage = new SortedStorage();
    const asStorage = storage as unknown as Party.Storage;
    const t = 1_800_000_000_000;
    const first = new StoredReplayGuard(asStorage);
    expect(first.firstUse("sig-a", t)).toBe(true);
    expect(first.firstUse("sig-a", t + 1)).toBe(false);
    await settle();

    // A fresh instance (the room slept) reads it back and refuses the replay.
    const woken = new StoredReplayGuard(asStorage);
    await woken.load(t + 30_000);
    expect(woken.firstUse("sig-a", t + 30_000)).toBe(false);
    expect(woken.firstUse("sig-b", t + 30_000)).toBe(true);
    await settle();

    // Past its window the alarm's prune drops it from storage, and a later instance no longer knows it.
    await woken.prune(t + REPLAY_MEMORY_MS + 1);
    expect([...storage.data.keys()].some((k) => k.endsWith(":sig-a"))).toBe(false);
    expect([...storage.data.keys()].some((k) => k.endsWith(":sig-b"))).toBe(true);
    const later = new StoredReplayGuard(asStorage);
    await later.load(t + REPLAY_MEMORY_MS + 30_001);
    expect(storage.data.size).toBe(0);
    expect(later.firstUse("sig-a", t + REPLAY_MEMORY_MS + 30_001)).toBe(true);
  });
});
