/** Keys the web vouched for, kept in room storage: written once per key and refresh interval, not once per socket. */
import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/roles";
import { KNOWN_KEY_MAX_AGE_MS } from "@/party/auth";
import { KnownKeys, REMEMBER_REFRESH_MS } from "@/party/known-keys";
import { memoryStorage } from "../helpers/memory-storage";

/** Memory storage that counts its writes. */
function countingStorage() {
  const storage = memoryStorage();
  const put = storage.put.bind(storage) as (key: string, value: unknown) => Promise<void>;
  let puts = 0;
  (storage as unknown as { put: typeof put }).put = async (key, value) => {
    puts += 1;
    await put(key, value);
  };
  return { storage, puts: () => puts };
}

const agent: Principal = { keyId: "key_1", name: "build boxes", role: "agent" };

describe("KnownKeys", () => {
  it("stores a key once for many sockets, again after the refresh interval or when its principal changes", async () => {
    const { storage, puts } = countingStorage();
    const keys = new KnownKeys(storage);
    const t0 = 1_000_000;
    for (let i = 0; i < 1_000; i++) await keys.remember("hash-a", agent, t0 + i);
    expect(puts()).toBe(1);
    expect(await keys.find("hash-a", t0 + 5)).toEqual(agent);

    await keys.remember("hash-a", agent, t0 + REMEMBER_REFRESH_MS);
    expect(puts()).toBe(2);
    // The stored time moved: the key stays known a full max age after the refresh, not after the first socket.
    expect(await keys.find("hash-a", t0 + REMEMBER_REFRESH_MS + KNOWN_KEY_MAX_AGE_MS - 1)).toEqual(agent);

    const renamed = { ...agent, name: "renamed" };
    await keys.remember("hash-a", renamed, t0 + REMEMBER_REFRESH_MS + 1);
    expect(puts()).toBe(3);
    expect(await keys.find("hash-a", t0 + REMEMBER_REFRESH_MS + 2)).toEqual(renamed);

    await keys.remember("hash-b", agent, t0 + REMEMBER_REFRESH_MS + 3);
    expect(puts()).toBe(4);
  });

  it("forgets a revoked key, and a key vouched for again afterwards is stored again", async () => {
    const { storage, puts } = countingStorage();
    const keys = new KnownKeys(storage);
    await keys.remember("hash-a", agent, 10);
    await keys.forgetKeyIds(["key_1"]);
    expect(await keys.find("hash-a", 11)).toBeNull();
    await keys.remember("hash-a", agent, 12);
    expect(puts()).toBe(2);
    expect(await keys.find("hash-a", 13)).toEqual(agent);
  });
});
