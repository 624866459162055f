import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_CHROMIUM_HELP, findChromium } from "@/scripts/chromium";

describe("finding a Chromium for the browser tests", () => {
  it("reports none when neither Debian's nor Playwright's browser exists, and says how to get one", () => {
    expect(findChromium({ system: "/nonexistent/chromium", bundled: () => "/nonexistent/ms-playwright/chrome" })).toBeNull();
    expect(NO_CHROMIUM_HELP).toContain("npx playwright install chromium");
  });

  it("prefers Debian's, else Playwright's own", () => {
    const dir = mkdtempSync(join(tmpdir(), "chromium-check-"));
    try {
      const system = join(dir, "chromium");
      const bundled = join(dir, "chrome");
      writeFileSync(bundled, "");
      expect(findChromium({ system, bundled: () => bundled })).toBe(bundled);
      writeFileSync(system, "");
      expect(findChromium({ system, bundled: () => bundled })).toBe(system);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
