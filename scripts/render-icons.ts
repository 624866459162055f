// Renders the app icons' PNGs from their SVGs with the Chromium Playwright already uses: `npx tsx scripts/render-icons.ts`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { SYSTEM_CHROMIUM } from "./chromium";
import { ROOT } from "./stack";

const DIR = join(ROOT, "public", "icons");

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: ["--headless", "--no-sandbox"] });
  for (const theme of ["light", "dark"]) {
    const svg = readFileSync(join(DIR, `icon-${theme}.svg`), "utf8");
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
      await page.screenshot({ path: join(DIR, `icon-${theme}-${size}.png`) });
      await page.close();
    }
  }
  await browser.close();
}

void main();
