import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import buildOnce, { TEST_DIST_DIR } from "../test/helpers/global-setup";
import { ROOT } from "../scripts/stack";
import { CANARY_KEYS, CANARY_STAMP } from "./canary";

const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : null);

/**
 * Builds the web once for the run, with canary keys in the environment, and stamps the build so the bundle test
 * knows the chunks it greps came from a build that could have leaked them. A build made without the canaries
 * (e.g. by vitest) is rebuilt.
 */
export default async function globalSetup(): Promise<void> {
  const dist = join(ROOT, TEST_DIST_DIR);
  const buildIdPath = join(dist, "BUILD_ID");
  const stampPath = join(dist, CANARY_STAMP);
  const saved = { QUEUE_API_KEY: process.env.QUEUE_API_KEY, ASSISTANT_API_KEY: process.env.ASSISTANT_API_KEY };
  if (read(stampPath) !== read(buildIdPath)) rmSync(buildIdPath, { force: true });
  process.env.QUEUE_API_KEY = CANARY_KEYS[0];
  process.env.ASSISTANT_API_KEY = CANARY_KEYS[1];
  const before = read(buildIdPath);
  try {
    await buildOnce();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const after = read(buildIdPath);
  if (after && after !== before) writeFileSync(stampPath, after);
}
