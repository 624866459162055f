/**
 * Whether the database has been prepared (migrations, first key). Kept on globalThis: Next bundles the
 * instrumentation hook that prepares it apart from the routes that read it, and both run in one process.
 */
type StorageState = { ready: boolean; problem: string | null };
const globalForStorage = globalThis as unknown as { cockpitStorage?: StorageState };

/** Ready unless bootstrap said otherwise (code run outside the web, such as scripts, never bootstraps). */
export function storageState(): StorageState {
  return globalForStorage.cockpitStorage ?? { ready: true, problem: null };
}

export function markStorageReady(): void {
  globalForStorage.cockpitStorage = { ready: true, problem: null };
}

/** `problem` is client-safe (from storageFailure), e.g. "the disk is full". */
export function markStorageUnavailable(problem: string): void {
  globalForStorage.cockpitStorage = { ready: false, problem };
}
