import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM as systemChromium } from "./scripts/chromium";
const SCREENSHOTS = /screenshots\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  // One stack (hub + web) per worker; two cores cannot run several next servers side by side.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    // `npm test` and `npm run test:e2e` run this project only.
    { name: "e2e", testIgnore: SCREENSHOTS },
    // `npm run screenshots`: every page at two sizes and two themes, into test-results/screenshots (takes minutes).
    { name: "screenshots", testMatch: SCREENSHOTS },
  ],
});
