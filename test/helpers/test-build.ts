/** The web build every test layer runs against: built once per change, with canary keys in its environment. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildIsStale, buildWeb, ROOT, WEB_SOURCES } from "../../scripts/stack";
import { CANARY_KEYS, CANARY_STAMP } from "./canary";

/** Parallel workers (or developers) may build into their own folder: NEXT_TEST_DIST_DIR. */
export const TEST_DIST_DIR = process.env.NEXT_TEST_DIST_DIR || ".next-test";

const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : null);

/** True when the build exists, is newer than every source, and its stamp says the canary keys were in its environment. */
export function testBuildIsCurrent(): boolean {
  const dist = join(ROOT, TEST_DIST_DIR);
  const buildId = read(join(dist, "BUILD_ID"));
  return buildId !== null && read(join(dist, CANARY_STAMP)) === buildId && !buildIsStale(TEST_DIST_DIR, WEB_SOURCES);
}

/**
 * Builds the web into TEST_DIST_DIR unless the current build can be reused, with fake keys in the environment, then
 * stamps it with its BUILD_ID: the bundle test greps the chunks for those keys and trusts only a stamped build.
 */
export async function ensureTestBuild(options: { force?: boolean } = {}): Promise<"built" | "reused"> {
  if (!options.force && testBuildIsCurrent()) return "reused";
  const saved = { QUEUE_API_KEY: process.env.QUEUE_API_KEY, ASSISTANT_API_KEY: process.env.ASSISTANT_API_KEY };
  process.env.QUEUE_API_KEY = CANARY_KEYS[0];
  process.env.ASSISTANT_API_KEY = CANARY_KEYS[1];
  try {
    await buildWeb(TEST_DIST_DIR);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  const dist = join(ROOT, TEST_DIST_DIR);
  writeFileSync(join(dist, CANARY_STAMP), readFileSync(join(dist, "BUILD_ID"), "utf8"));
  return "built";
}
