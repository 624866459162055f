import { ensureTestBuild } from "../test/helpers/test-build";

/** Playwright's global setup: `npm test` built already; run alone, this builds only when the test build is stale or missing. */
export default async function globalSetup(): Promise<void> {
  await ensureTestBuild();
}
