import "server-only";
import { createClient, type Client, type ResultSet } from "@libsql/client";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { env } from "../env";
import * as schema from "./schema";
import { FILE_CLIENT_OPTIONS, FILE_PRAGMAS, databaseTarget } from "./target";
import { openFileReader } from "./reader";
import { cachePreparedStatements } from "./statement-cache";

/** The database or a transaction on it: query functions take either. */
export type Db = BaseSQLiteDatabase<"async", ResultSet, typeof schema>;
export type RootDb = LibSQLDatabase<typeof schema>;

/** One client for the process, kept across hot reloads (create-t3-app's globalForDb). */
const globalForDb = globalThis as unknown as { cockpitDb?: { client: Client; db: RootDb; ready: Promise<void> } };

function open() {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN } = env();
  const target = databaseTarget(DATABASE_URL);
  // File-only steps (lib/db/target.ts): the folder, one connection with a busy timeout, the WAL pragmas. A remote
  // libSQL server gets none of them. One connection means no transaction of ours meets SQLITE_BUSY from its own
  // process; the timeout waits out other processes (a second web, drizzle-kit) instead of failing.
  if (target.kind === "file") mkdirSync(dirname(target.path) || ".", { recursive: true });
  if (target.kind !== "remote") cachePreparedStatements();
  const client = createClient({ url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN, ...(target.kind === "file" ? FILE_CLIENT_OPTIONS : {}) });
  const db = drizzle(client, { schema });
  // synchronous=NORMAL makes a commit cost ~0.1 ms instead of an fsync of ~5 ms on these disks (docs/benchmarks.md).
  const ready =
    target.kind === "file"
      ? FILE_PRAGMAS.reduce((p, pragma) => p.then(() => client.execute(pragma)).then(() => undefined), Promise.resolve())
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

const globalForReadDb = globalThis as unknown as { cockpitReadDb?: { db: RootDb; close: () => void } };

/**
 * A second connection for REST list reads. A write transaction (an ingest batch, the sweep) holds the main connection
 * across awaits; under WAL this one reads the last commit meanwhile, so a list page never queues behind it. It is
 * read-only (`query_only`). A remote database (libsql://) serves concurrent requests itself: there reads share getDb().
 */
export async function getReadDb(): Promise<RootDb> {
  const main = await getDb(); // creates the file and switches it to WAL before a reader opens it
  const target = databaseTarget(env().DATABASE_URL);
  if (target.kind !== "file") return main;
  // Opening is synchronous: a failure throws here and the next call tries again.
  globalForReadDb.cockpitReadDb ??= openFileReader(target.path, FILE_CLIENT_OPTIONS.timeout);
  return globalForReadDb.cockpitReadDb.db;
}
