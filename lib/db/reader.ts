import "server-only";
import Database from "libsql";
import type { RootDb } from "./client";
import { localDatabase } from "./local-session";

/**
 * The REST lists' read-only connection to a local file, driven as the main one is (lib/db/local-session.ts): rows
 * arrive as arrays, arguments are converted as @libsql/client did (libsql's native binding aborts the process on a
 * boolean), a failure names its query. Through @libsql/client each row became an object with two defined properties
 * per column (`rowFromSql`), 27 % of the CPU of a 50-task page (docs/benchmarks.md). Only reads run on it.
 */
export function openFileReader(path: string, timeoutMs: number): { db: RootDb; close: () => void } {
  const connection = new Database(path, { timeout: timeoutMs });
  connection.exec("PRAGMA query_only = 1");
  return { db: localDatabase<RootDb>(connection), close: () => connection.close() };
}
