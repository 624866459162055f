import { createAlert } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

// These tests route requests with page.route, which never sees what a page controlled by the app's service worker
// fetches: once the worker takes control (clients.claim, at a moment that varies) a "refused" request went to the real server.
test.use({ serviceWorkers: "block" });

// A stack of its own whose hub pings every second, so a silent socket is declared dead after 2.5 s.
test.use({ stackName: "watchdog", hubPingMs: 1_000 });

type Recorder = { __statuses: string[] };

test("a socket that goes silent is declared dead, redialled, and the page catches up", async ({ page, signIn, dashboard, operatorKey, stack }) => {
  let opened = 0;
  let muteFirst = false;
  let pingsPassedOnFirst = 0;
  // Sits between page and hub: for the first connection it can swallow every frame from the hub (a dead link
  // that never closes); later connections pass through untouched.
  await page.routeWebSocket(/\/parties\/main\/cockpit/, (ws) => {
    const n = ++opened;
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (muteFirst && n === 1) return;
      if (n === 1 && typeof message === "string" && message.includes('"type":"ping"')) pingsPassedOnFirst++;
      ws.send(message);
    });
  });
  await signIn.session(operatorKey);
  await dashboard.open("/alerts");
  await dashboard.markNoReload();
  await page.evaluate(() => {
    const w = window as unknown as Recorder;
    w.__statuses = [];
    const el = document.querySelector("[data-testid=connection-status]")!;
    new MutationObserver(() => w.__statuses.push(el.getAttribute("data-status") ?? "")).observe(el, { attributes: true, attributeFilter: ["data-status"] });
  });

  // Pings keep a quiet but healthy socket alive: no reconnect over several intervals (dead after 2.5 silent ones).
  const passedBefore = pingsPassedOnFirst;
  await expect.poll(() => pingsPassedOnFirst - passedBefore, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
  expect(opened).toBe(1);
  await expect(dashboard.connection()).toHaveAttribute("data-status", "live");

  muteFirst = true;
  const title = uid("Sent into a dead socket");
  const id = await createAlert(stack, { severity: "warning", title });

  await expect.poll(() => opened, { timeout: 10_000 }).toBe(2);
  await dashboard.waitLive();
  expect(await page.evaluate(() => (window as unknown as Recorder).__statuses)).toEqual(["reconnecting", "live"]);
  await expect(dashboard.alertRow(id)).toContainText(title);
  await dashboard.expectNoReload();

  // The new socket carries live changes.
  const after = uid("After the redial");
  await expect(dashboard.alertRow(await createAlert(stack, { severity: "info", title: after }))).toContainText(after);
});
