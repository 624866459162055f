import "server-only";
import { migrate } from "drizzle-orm/libsql/migrator";
import { join } from "node:path";
import { getDb } from "./client";

/** Applies drizzle/ migrations; safe to call on every start. */
export async function runMigrations(): Promise<void> {
  await migrate(await getDb(), { migrationsFolder: join(process.cwd(), "drizzle") });
}
