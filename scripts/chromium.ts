import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Debian's Chromium (apt-get install chromium): used when present, so offline machines need no download. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** How every headless Chromium here is launched (e2e tests, benchmarks): no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser the e2e tests will launch, or null when neither Debian's nor Playwright's own is installed. */
export function findChromium(where: { system?: string; bundled?: () => string } = {}): string | null {
  const system = where.system ?? SYSTEM_CHROMIUM;
  if (existsSync(system)) return system;
  const bundled = (where.bundled ?? (() => chromium.executablePath()))();
  return bundled && existsSync(bundled) ? bundled : null;
}

export const NO_CHROMIUM_HELP = `No Chromium was found for the browser tests (neither ${SYSTEM_CHROMIUM} nor Playwright's own).
Get one with:
    npx playwright install chromium        # Playwright's build, into ~/.cache/ms-playwright
or, on Debian/Ubuntu:
    sudo apt-get install chromium          # used from ${SYSTEM_CHROMIUM}
then run npm test again. (npm run test:unit and npm run test:integration need no browser.)`;
