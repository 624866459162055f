import { devices, type Page } from "@playwright/test";
import { expect, test, uid } from "./fixtures";

// A phone: small touch screen, mobile user agent, Chromium (the only browser here).
const { defaultBrowserType: _browser, ...phone } = devices["Pixel 7"];
test.use({ ...phone });

const PAGES_CACHE = "cockpit-v1-pages";

/** Waits until the service worker controls this page, so the next navigation goes through it. */
async function waitControlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/);
}

function cachedSnapshotAt(page: Page, path: string) {
  return page.evaluate(
    async ({ cacheName, at }) => (await (await caches.open(cacheName)).match(new URL(at, location.href).href))?.headers.get("x-cockpit-snapshot-at") ?? null,
    { cacheName: PAGES_CACHE, at: path },
  );
}

/** Reads a PNG's width and height from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test("the manifest is served, linked and valid, with every icon it names", async ({ page, request, signIn, operatorKey }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[] };
  expect(manifest).toMatchObject({ name: "Cockpit", short_name: "Cockpit", start_url: "/", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  // Installable in Chromium: a 192 and a 512 PNG, plus maskable ones.
  for (const size of [192, 512]) {
    expect(manifest.icons.some((i) => i.sizes === `${size}x${size}` && i.type === "image/png" && i.purpose === "any")).toBe(true);
    expect(manifest.icons.some((i) => i.sizes === `${size}x${size}` && i.purpose === "maskable")).toBe(true);
  }
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toContain(icon.type);
    if (icon.type === "image/png") expect(pngSize(await file.body())).toEqual(icon.sizes.split("x").map(Number));
  }

  await signIn.session(operatorKey);
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('meta[name="viewport"]')).toHaveAttribute("content", /viewport-fit=cover/);
  await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", /^#/);
  // Touch targets: every nav link is at least 44 px tall on a phone.
  const heights = await page.getByRole("navigation", { name: "Main" }).getByRole("link").evaluateAll((links) => links.map((l) => l.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(5);
  for (const h of heights) expect(h).toBeGreaterThanOrEqual(44);
});

test("offline, a page opened before shows its last copy, marked stale with its time, never live", async ({ page, context, signIn, operatorKey, dashboard, agents }) => {
  const agentId = uid("pwa-agent");
  await agents.connect(agentId);
  await signIn.session(operatorKey);
  await dashboard.open("/agents");
  await waitControlled(page);
  // The first load came before the worker; this one goes through it and leaves a dated copy.
  const before = Date.now();
  await dashboard.open("/agents");
  await expect(dashboard.agentRow(agentId)).toBeVisible();
  await expect.poll(() => cachedSnapshotAt(page, "/agents")).not.toBeNull();
  const snapshotAt = (await cachedSnapshotAt(page, "/agents")) as string;
  expect(Date.parse(snapshotAt)).toBeGreaterThanOrEqual(before - 1000);

  await context.setOffline(true);
  await page.reload();
  const banner = page.getByTestId("offline-snapshot");
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute("data-snapshot-at", snapshotAt);
  const hhmm = await page.evaluate((iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false }), snapshotAt);
  await expect(banner).toContainText(`Offline — as of ${hhmm}`);
  await expect(dashboard.agentRow(agentId)).toBeVisible();
  await expect(dashboard.connection()).toHaveAttribute("data-status", "offline");

  // Back online the stale copy still says offline (its data is old) until it is reloaded from the server.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(dashboard.connection()).toHaveAttribute("data-status", "offline");
  await banner.getByRole("button", { name: "Reload" }).click();
  await dashboard.waitLive();
  await expect(banner).toHaveCount(0);
});

test("a page never opened on this device says so offline rather than showing anything", async ({ page, context, signIn, operatorKey, dashboard }) => {
  await signIn.session(operatorKey);
  await dashboard.open("/");
  await waitControlled(page);
  await context.setOffline(true);
  const res = await page.goto("/analytics");
  expect(res?.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "Offline" })).toBeVisible();
  await context.setOffline(false);
});

test("signing out drops every cached page, so the next person cannot read them", async ({ page, signIn, operatorKey, dashboard }) => {
  await signIn.session(operatorKey);
  await dashboard.open("/");
  await waitControlled(page);
  await dashboard.open("/");
  await expect.poll(() => cachedSnapshotAt(page, "/")).not.toBeNull();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(() => cachedSnapshotAt(page, "/")).toBeNull();
});
