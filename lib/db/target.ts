/**
 * What DATABASE_URL points at, decided once. Every step that only makes sense for a local SQLite file (creating its
 * folder, WAL and synchronous pragmas, one connection, a busy timeout) is listed here and taken only for `file:`;
 * a libSQL server (`libsql://`, `https://`, `wss://`: Turso, sqld) gets plain SQL, transactions and migrations only.
 */
export type DatabaseTarget = { kind: "file"; path: string } | { kind: "memory" } | { kind: "remote"; host: string };

export function databaseTarget(url: string): DatabaseTarget {
  if (url === ":memory:" || url === "file::memory:") return { kind: "memory" };
  if (url.startsWith("file:")) return { kind: "file", path: url.slice("file:".length) };
  if (/^(libsql|https?|wss?):\/\//.test(url)) return { kind: "remote", host: new URL(url).host };
  throw new Error(`DATABASE_URL must be file:PATH, :memory:, or a libsql://, https:// or wss:// URL; got ${url.split(":")[0]}:…`);
}

/** Pragmas for a local file: WAL lets readers run beside the writer; NORMAL sync is safe with WAL. A server sets its own. */
export const FILE_PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] as const;

/** How long a local connection waits out another process's write lock (a second web, drizzle-kit) before failing. */
export const FILE_BUSY_TIMEOUT_MS = 5_000;
