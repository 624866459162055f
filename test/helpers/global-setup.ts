import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, buildWeb } from "../../scripts/stack";

/** Parallel workers (or developers) may build into their own folder: NEXT_TEST_DIST_DIR. */
export const TEST_DIST_DIR = process.env.NEXT_TEST_DIST_DIR || ".next-test";

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

/** Builds the web once per run into .next-test (skipped when nothing changed since the last build). */
export default async function setup(): Promise<void> {
  const buildId = join(ROOT, TEST_DIST_DIR, "BUILD_ID");
  const sources = ["app", "components", "lib", "drizzle"].filter((d) => existsSync(join(ROOT, d)));
  const stale = !existsSync(buildId) || sources.some((d) => newest(join(ROOT, d)) > statSync(buildId).mtimeMs);
  if (stale || process.env.CI) await buildWeb(TEST_DIST_DIR);
}
