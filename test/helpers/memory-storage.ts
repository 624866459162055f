import type * as Party from "partykit/server";

/** Room storage as a Map, with the calls the outbox makes (get/put/delete of one key or many, list by prefix). */
export function memoryStorage(): Party.Storage {
  const data = new Map<string, unknown>();
  const storage = {
    async get(keys: string | string[]) {
      if (typeof keys === "string") return data.get(keys);
      return new Map(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async put(keyOrEntries: string | Record<string, unknown>, value?: unknown) {
      if (typeof keyOrEntries === "string") data.set(keyOrEntries, value);
      else for (const [k, v] of Object.entries(keyOrEntries)) data.set(k, v);
    },
    async delete(keys: string | string[]) {
      for (const k of typeof keys === "string" ? [keys] : keys) data.delete(k);
      return true;
    },
    async list(options: { prefix?: string } = {}) {
      return new Map([...data].filter(([k]) => k.startsWith(options.prefix ?? "")).sort(([a], [b]) => a.localeCompare(b)));
    },
  };
  return storage as unknown as Party.Storage;
}
