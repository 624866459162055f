/** Which failures mean "the database cannot take this now" (disk full, read-only, unreadable, locked), as opposed to
 *  a bug: those are answered 503 storage_unavailable with a Retry-After instead of a generic 500. */

const SQLITE_KINDS: [prefix: string, kind: string][] = [
  ["SQLITE_FULL", "the disk is full"],
  ["SQLITE_READONLY", "the database is read-only"],
  ["SQLITE_IOERR", "the disk reported an I/O error"],
  ["SQLITE_CANTOPEN", "the database file cannot be opened"],
  ["SQLITE_BUSY", "the database stayed locked by another process"],
];

/** File-system errors met while creating the database's folder or file. */
const FS_KINDS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EROFS: "the database is on a read-only file system",
  EACCES: "the database file cannot be opened",
  EPERM: "the database file cannot be opened",
  ENOTDIR: "the database file cannot be opened",
  EEXIST: "the database file cannot be opened",
  EIO: "the disk reported an I/O error",
};

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** The native driver fails to open a file with no code, only a message: ConnectionFailed("Unable to open …: 14"). */
const OPEN_FAILED = /^ConnectionFailed\(/;

/** A short, client-safe description when `error` (or one of its causes: drizzle wraps libSQL's) is a storage failure. */
export function storageFailure(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && OPEN_FAILED.test(e.message)) return "the database file cannot be opened";
    const code = codeOf(e);
    if (!code) continue;
    const sqlite = SQLITE_KINDS.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`));
    if (sqlite) return sqlite[1];
    const fs = FS_KINDS[code];
    if (fs) return fs;
  }
  return null;
}
