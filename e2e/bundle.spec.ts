import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { TEST_DIST_DIR } from "../test/helpers/test-build";
import { ROOT } from "../scripts/stack";
import { CANARY_KEYS, CANARY_STAMP } from "../test/helpers/canary";
import { expect, test } from "./fixtures";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test("the client bundle of the test build contains no configured key", () => {
  const dist = join(ROOT, TEST_DIST_DIR);
  // The stamp proves these chunks were built while the canary keys were in the environment.
  expect(readFileSync(join(dist, CANARY_STAMP), "utf8")).toBe(readFileSync(join(dist, "BUILD_ID"), "utf8"));
  const chunks = filesUnder(join(dist, "static")).filter((f) => /\.(js|css|json|txt|html)$/.test(f));
  expect(chunks.length).toBeGreaterThan(5);
  for (const file of chunks) {
    const text = readFileSync(file, "utf8");
    for (const key of CANARY_KEYS) expect(text.includes(key), `${file} contains ${key}`).toBe(false);
  }
  // Pre-rendered pages ship as HTML too; they must not carry a key either.
  const server = join(dist, "server");
  const rendered = existsSync(server) ? filesUnder(server).filter((f) => /\.(html|rsc)$/.test(f) && statSync(f).size < 5_000_000) : [];
  for (const file of rendered) {
    const text = readFileSync(file, "utf8");
    for (const key of CANARY_KEYS) expect(text.includes(key), `${file} contains ${key}`).toBe(false);
  }
});

test("the overview ships at most 200 KB of gzipped JavaScript", async ({ page, signIn, operatorKey, dashboard }) => {
  await signIn.session(operatorKey);
  await dashboard.open("/");
  const scripts: string[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") scripts.push(r.url());
  });
  await page.reload();
  await dashboard.waitLive();
  let total = 0;
  for (const url of new Set(scripts)) total += gzipSync(await (await page.request.get(url)).body()).length;
  expect(scripts.length).toBeGreaterThan(0);
  console.log(`overview JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${new Set(scripts).size} files`);
  expect(total).toBeLessThanOrEqual(200 * 1024);
});
