import { buildIsStale, buildWeb } from "../../scripts/stack";

/** Parallel workers (or developers) may build into their own folder: NEXT_TEST_DIST_DIR. */
export const TEST_DIST_DIR = process.env.NEXT_TEST_DIST_DIR || ".next-test";

/** Builds the web once per run into .next-test (skipped when nothing changed since the last build). */
export default async function setup(): Promise<void> {
  if (buildIsStale(TEST_DIST_DIR, ["app", "components", "lib", "drizzle"]) || process.env.CI) await buildWeb(TEST_DIST_DIR);
}
