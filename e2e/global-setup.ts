import { NO_CHROMIUM_HELP, findChromium } from "../scripts/chromium";
import { ensureTestBuild } from "../test/helpers/test-build";

/** Playwright's global setup: `npm test` built already; run alone, this builds only when the test build is stale or missing. */
export default async function globalSetup(): Promise<void> {
  // Fail first, and say how to get a browser, rather than after a build and deep inside the launcher.
  if (!findChromium()) throw new Error(NO_CHROMIUM_HELP);
  await ensureTestBuild();
}
