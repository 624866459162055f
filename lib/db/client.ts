import "server-only";
import { createClient, type ResultSet } from "@libsql/client";
import Database from "libsql";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { env } from "../env";
import * as schema from "./schema";
import { FILE_BUSY_TIMEOUT_MS, FILE_PRAGMAS, databaseTarget } from "./target";
import { openFileReader } from "./reader";
import { cachePreparedStatements } from "./statement-cache";
import { localDatabase } from "./local-session";
import { startCheckpointer } from "./checkpointer";

/** The database or a transaction on it: query functions take either. */
export type Db = BaseSQLiteDatabase<"async", ResultSet, typeof schema>;
export type RootDb = LibSQLDatabase<typeof schema>;

/** One client for the process, kept across hot reloads (create-t3-app's globalForDb). */
type Handle = { db: RootDb; ready: Promise<void>; close: () => void };
const globalForDb = globalThis as unknown as { cockpitDb?: Handle };

function open(): Handle {
  const { DATABASE_URL, DATABASE_AUTH_TOKEN } = env();
  const target = databaseTarget(DATABASE_URL);
  if (target.kind === "remote") {
    const client = createClient({ url: DATABASE_URL, authToken: DATABASE_AUTH_TOKEN });
    return { db: drizzle(client, { schema }), ready: Promise.resolve(), close: () => client.close() };
  }
  // Local steps (lib/db/target.ts): the folder, one connection with a busy timeout, the WAL pragmas, drizzle driving
  // libsql directly (lib/db/local-session.ts). One connection means no transaction of ours meets SQLITE_BUSY from
  // its own process; the timeout waits out other processes (a second web, drizzle-kit) instead of failing.
  cachePreparedStatements();
  try {
    if (target.kind === "file") mkdirSync(dirname(target.path) || ".", { recursive: true });
    const connection = new Database(target.kind === "file" ? target.path : ":memory:", { timeout: FILE_BUSY_TIMEOUT_MS });
    try {
      // synchronous=NORMAL makes a commit cost ~0.1 ms instead of an fsync of ~5 ms on these disks (docs/benchmarks.md).
      if (target.kind === "file") for (const pragma of FILE_PRAGMAS) connection.exec(pragma);
      else connection.exec("SELECT 1");
    } catch (error) {
      connection.close();
      throw error;
    }
    // The log is copied into the file by a worker thread, not by whichever commit crosses SQLite's threshold.
    const checkpointer = target.kind === "file" ? startCheckpointer(target.path, connection) : undefined;
    const close = () => {
      void checkpointer?.stop();
      connection.close();
    };
    return { db: localDatabase<RootDb>(connection), ready: Promise.resolve(), close };
  } catch (error) {
    return { db: undefined as never, ready: Promise.reject(error), close: () => undefined };
  }
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
      handle.close();
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
  globalForReadDb.cockpitReadDb ??= openFileReader(target.path, FILE_BUSY_TIMEOUT_MS);
  return globalForReadDb.cockpitReadDb.db;
}
