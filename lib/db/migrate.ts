import "server-only";
import { migrate as migrateRemote } from "drizzle-orm/libsql/migrator";
import { join } from "node:path";
import { env } from "../env";
import { getDb } from "./client";
import { migrateLocalDatabase } from "./local-session";
import { databaseTarget } from "./target";

/** Applies drizzle/ migrations; safe to call on every start. */
export async function runMigrations(): Promise<void> {
  const db = await getDb();
  const config = { migrationsFolder: join(process.cwd(), "drizzle") };
  if (databaseTarget(env().DATABASE_URL).kind === "remote") return migrateRemote(db, config);
  // A local database is driven synchronously (lib/db/local-session.ts), and so is its migrator.
  await migrateLocalDatabase(db, config.migrationsFolder);
}
