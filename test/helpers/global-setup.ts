import { ensureTestBuild } from "./test-build";

export { TEST_DIST_DIR } from "./test-build";

/** vitest's global setup: `npm test` built already; run alone, this builds only when the test build is stale or missing. */
export default async function setup(): Promise<void> {
  await ensureTestBuild();
}
