import "server-only";
import { createClient, type Client, type ResultSet } from "@libsql/client";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { env } from "../env";
import * as schema from "./schema";

/** The database or a transaction on it: query functions take either. */
export type Db = BaseSQLiteDatabase<"async", ResultSet, typeof schema>;
export type RootDb = LibSQLDatabase<typeof schema>;

/** One client for the process, kept across hot reloads (create-t3-app's globalForDb). */
const globalForDb = globalThis as unknown as { cockpitDb?: { client: Client; db: RootDb; ready: Promise<void> } };

function open() {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN } = env();
  if (DATABASE_URL.startsWith("file:")) mkdirSync(dirname(DATABASE_URL.slice("file:".length)) || ".", { recursive: true });
  const client = createClient({ url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN });
  const db = drizzle(client, { schema });
  // WAL lets readers run beside the writer; busy_timeout waits out a concurrent writer instead of failing.
  const ready = DATABASE_URL.startsWith("file:")
    ? client.execute("PRAGMA journal_mode = WAL").then(() => client.execute("PRAGMA busy_timeout = 5000")).then(() => undefined)
    : Promise.resolve();
  return { client, db, ready };
}

export function dbHandle() {
  globalForDb.cockpitDb ??= open();
  return globalForDb.cockpitDb;
}

export async function getDb(): Promise<RootDb> {
  const handle = dbHandle();
  await handle.ready;
  return handle.db;
}
