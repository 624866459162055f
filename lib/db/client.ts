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
  const isFile = DATABASE_URL.startsWith("file:");
  // A file database gets one connection: SQLite has one writer anyway, per-connection pragmas then hold for every
  // statement, and no transaction of ours can meet SQLITE_BUSY from its own process. `timeout` waits out other
  // processes (a second web, drizzle-kit) instead of failing.
  const client = createClient({ url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN, ...(isFile ? { concurrency: 1, timeout: 5_000 } : {}) });
  const db = drizzle(client, { schema });
  // WAL lets readers run beside a writer; synchronous=NORMAL (safe with WAL: an application crash loses nothing, a
  // power cut at most the last commits) makes a commit cost ~0.1 ms instead of an fsync of ~5 ms on these disks.
  const ready = isFile
    ? client
        .execute("PRAGMA journal_mode = WAL")
        .then(() => client.execute("PRAGMA synchronous = NORMAL"))
        .then(() => undefined)
    : Promise.resolve();
  return { client, db, ready };
}

function dbHandle() {
  globalForDb.cockpitDb ??= open();
  return globalForDb.cockpitDb;
}

/** The database; a client that could not be opened (unwritable folder, missing disk) is dropped, so the next call
 *  opens it afresh once the operator has fixed the cause instead of failing forever. */
export async function getDb(): Promise<RootDb> {
  const handle = dbHandle();
  try {
    await handle.ready;
  } catch (error) {
    if (globalForDb.cockpitDb === handle) {
      globalForDb.cockpitDb = undefined;
      handle.client.close();
    }
    throw error;
  }
  return handle.db;
}

const globalForReadDb = globalThis as unknown as { cockpitReadDb?: { client: Client; db: RootDb; ready: Promise<void> } };

/**
 * A second connection for REST list reads. A write transaction (an ingest batch, the sweep) holds the main connection
 * across awaits; under WAL this one reads the last commit meanwhile, so a list page never queues behind it. It is
 * read-only (`query_only`). A remote database (libsql://) serves concurrent requests itself: there reads share getDb().
 */
export async function getReadDb(): Promise<RootDb> {
  const main = await getDb(); // creates the file and switches it to WAL before a reader opens it
  if (!env().DATABASE_URL.startsWith("file:")) return main;
  globalForReadDb.cockpitReadDb ??= openReader();
  const handle = globalForReadDb.cockpitReadDb;
  try {
    await handle.ready;
  } catch (error) {
    if (globalForReadDb.cockpitReadDb === handle) {
      globalForReadDb.cockpitReadDb = undefined;
      handle.client.close();
    }
    throw error;
  }
  return handle.db;
}

function openReader() {
  const client = createClient({ url: env().DATABASE_URL, concurrency: 1, timeout: 5_000 });
  const ready = client.execute("PRAGMA query_only = 1").then(() => undefined);
  return { client, db: drizzle(client, { schema }), ready };
}
