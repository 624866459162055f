import { createAlert } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

// These tests route requests with page.route, which never sees what a page controlled by the app's service worker
// fetches: once the worker takes control (clients.claim, at a moment that varies) a "refused" request went to the real server.
test.use({ serviceWorkers: "block" });

test("when the hub restarts the page says reconnecting, then catches up on what it missed", async ({ signIn, dashboard, operatorKey, stack }) => {
  test.setTimeout(150_000);
  await signIn.session(operatorKey);
  await dashboard.open("/alerts");
  await dashboard.markNoReload();

  const restarting = stack.restartHub();
  await expect(dashboard.connection()).toHaveAttribute("data-status", /reconnecting|offline/);
  await expect(dashboard.connection()).toContainText(/Reconnecting|Offline/);

  // Raised while the dashboard has no socket: the hub cannot push it, so only a catch-up can show it.
  const title = uid("Raised during the outage");
  const id = await createAlert(stack, { severity: "warning", title });
  await expect(dashboard.alertRow(id)).toHaveCount(0);

  await restarting;
  await expect(dashboard.connection()).toHaveAttribute("data-status", "live", { timeout: 30_000 });
  await expect(dashboard.alertRow(id)).toContainText(title);
  await dashboard.expectNoReload();

  // And the new socket carries live changes again.
  const after = uid("After the restart");
  const id2 = await createAlert(stack, { severity: "info", title: after });
  await expect(dashboard.alertRow(id2)).toContainText(after);
});

test("a change made after the server render but before the socket opens is not lost", async ({ page, signIn, dashboard, operatorKey, stack }) => {
  await signIn.session(operatorKey);
  // Hold the socket token, so the page is rendered but not yet subscribed.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/auth/socket-token", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/alerts");
  await expect(dashboard.connection()).toHaveAttribute("data-status", "connecting");
  const title = uid("Between render and subscribe");
  const id = await createAlert(stack, { severity: "warning", title });
  await expect(dashboard.alertRow(id)).toHaveCount(0);
  release();
  await dashboard.waitLive();
  await expect(dashboard.alertRow(id)).toContainText(title);
});
