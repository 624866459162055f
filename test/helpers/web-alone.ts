import { rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { bearerApi, planStack, startWeb, waitForUrl, type Proc } from "../../scripts/stack";
import { TEST_DIST_DIR } from "./test-build";

export type WebAlone = { web: Proc; plan: Awaited<ReturnType<typeof planStack>>; api: ReturnType<typeof bearerApi> };

/**
 * The web alone (no hub), started directly so its output can be read, for the file's tests: filled in beforeAll,
 * stopped and its folder removed afterAll.
 */
export function webAloneForFile(prefix: string): WebAlone {
  const alone = {} as WebAlone;
  beforeAll(async () => {
    alone.plan = await planStack(prefix);
    alone.web = startWeb({ port: alone.plan.webPort, env: alone.plan.webEnv, distDir: TEST_DIST_DIR });
    await waitForUrl(`${alone.plan.webUrl}/api/health`, alone.web);
    alone.api = bearerApi(alone.plan.webUrl, alone.plan.adminKey);
  });
  afterAll(async () => {
    await alone.web?.stop();
    if (alone.plan) rmSync(alone.plan.dir, { recursive: true, force: true });
  });
  return alone;
}
