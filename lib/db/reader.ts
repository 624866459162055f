import "server-only";
import Database from "libsql";
import { createTableRelationsHelpers, extractTablesRelationalConfig } from "drizzle-orm";
import { BetterSQLiteSession } from "drizzle-orm/better-sqlite3/session";
import { BaseSQLiteDatabase, SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { RootDb } from "./client";
import * as schema from "./schema";

/**
 * The REST lists' read-only connection to a local file: drizzle's synchronous SQLite driver over libsql's own
 * connection (it has better-sqlite3's API), so rows arrive as arrays. Through @libsql/client each row became an object
 * with two defined properties per column (`rowFromSql`), 27 % of the CPU of a 50-task page (docs/benchmarks.md).
 * Only select builders run on it, and those read the same through both drivers.
 */
export function openFileReader(path: string, timeoutMs: number): { db: RootDb; close: () => void } {
  const connection = new Database(path, { timeout: timeoutMs });
  connection.exec("PRAGMA query_only = 1");
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const dialect = new SQLiteSyncDialect();
  const session = new BetterSQLiteSession(connection as never, dialect, relational, {});
  const db = new BaseSQLiteDatabase("sync", dialect, session, relational);
  return { db: db as unknown as RootDb, close: () => connection.close() };
}
