/**
 * Database trouble, kept in memory. An alert about the database cannot be written while the database refuses writes,
 * so a failed write is only noted here (and shown at once in /api/health as `storage.trouble`); the notifier's watch
 * raises the alert as soon as a write works again, adds later failures to its count, and resolves it once no write
 * has failed for a while. Kept on globalThis: Next bundles the routes that note failures apart from the watch.
 * A restart forgets trouble that was never raised; the server log still has every failure.
 */

export type StorageTrouble = { problem: string; since: number; lastAt: number; failures: number };
type Tracker = { trouble: StorageTrouble | null; reported: number; raised: boolean };
export type TroubleIo = { raise: (t: StorageTrouble) => Promise<void>; resolve: (t: StorageTrouble) => Promise<void> };

const globalForTrouble = globalThis as unknown as { cockpitStorageTrouble?: Tracker };
const tracker = (): Tracker => (globalForTrouble.cockpitStorageTrouble ??= { trouble: null, reported: 0, raised: false });

export const STORAGE_TROUBLE_KEY = "cockpit:database";

/** A write failed for a storage reason (storageFailure's words, e.g. "the disk is full"). */
export function noteStorageFailure(problem: string, now = Date.now()): void {
  const t = tracker();
  if (t.trouble) t.trouble = { ...t.trouble, problem, lastAt: now, failures: t.trouble.failures + 1 };
  else t.trouble = { problem, since: now, lastAt: now, failures: 1 };
}

export function storageTrouble(): StorageTrouble | null {
  return tracker().trouble;
}

/**
 * One step of the watch: raise (or count) what was noted since the last step, or resolve once no write has failed
 * for `clearAfterMs`. Whatever cannot be written now stays noted for the next step.
 */
export async function reconcileStorageTrouble(io: TroubleIo, clearAfterMs: number, now = Date.now()): Promise<"idle" | "raised" | "resolved" | "waiting"> {
  const t = tracker();
  const trouble = t.trouble;
  if (!trouble) return "idle";
  try {
    if (!t.raised || trouble.failures > t.reported) {
      await io.raise(trouble);
      t.raised = true;
      t.reported = trouble.failures;
      return "raised";
    }
    if (now - trouble.lastAt < clearAfterMs) return "waiting";
    await io.resolve(trouble);
    // A failure noted while the resolve was being written belongs to a new episode.
    if (t.trouble === trouble) globalForTrouble.cockpitStorageTrouble = { trouble: null, reported: 0, raised: false };
    return "resolved";
  } catch {
    return "waiting";
  }
}
