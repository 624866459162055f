import { expect, test, uid } from "./fixtures";

/**
 * Web Push in Chromium, as far as it goes here: the permission is asked on a click, the browser gets the VAPID key
 * from the server and asks its push service for a subscription. This Chromium has no push service to reach, so what
 * happens after that is tested in test/integration/notify-webpush.test.ts against a local endpoint. What the service
 * worker does with a push is tested here by handing it one through the DevTools protocol.
 */
test("a click asks for permission, fetches the VAPID key and subscribes or says why not; the worker shows a pushed alert with Acknowledge", async ({
  page,
  stack,
  signIn,
}) => {
  const name = uid("phones");
  const made = await stack.api("/api/cockpit/channels", { method: "POST", body: JSON.stringify({ name, type: "webpush", config: {} }) });
  expect(made.status).toBe(201);
  const { channel } = (await made.json()) as { channel: { id: string } };
  await page.context().grantPermissions(["notifications"], { origin: stack.webUrl });
  await signIn.session(stack.adminKey);
  await page.goto("/notifications");
  const devices = page.getByTestId(`push-devices-${channel.id}`);
  await expect(devices).toContainText("No device subscribed yet.");

  const keyRequest = page.waitForResponse((r) => r.url().endsWith("/api/cockpit/push/key"));
  await devices.getByLabel("This device's name").fill("e2e phone");
  await devices.getByTestId("push-subscribe").click();
  expect((await keyRequest).status()).toBe(200);
  expect(await page.evaluate(() => Notification.permission)).toBe("granted");
  // Either the browser reached a push service and the device is stored, or it says plainly why it could not.
  const status = devices.getByTestId("push-status");
  await expect(status).toHaveText(/This device is subscribed\.|The browser could not subscribe \(.+\)\./, { timeout: 30_000 });
  const said = (await status.textContent()) ?? "";
  test.info().annotations.push({ type: "push subscription", description: said });
  console.log(`push subscription in this Chromium: ${said}`);
  if (said.startsWith("This device is subscribed")) {
    await expect(devices.getByTestId("push-device")).toContainText("e2e phone");
  }

  // The worker's push handler: one notification per alert, with the Acknowledge action and both links.
  const payload = {
    title: "[CRITICAL] e2e disk full",
    body: "Where: agent mac-1",
    severity: "critical",
    event: "trigger",
    alertId: "alert_e2e",
    url: `${stack.webUrl}/alerts/alert_e2e`,
    ackUrl: `${stack.webUrl}/ack?t=ack1.e2e`,
    tag: "cockpit-alert-alert_e2e",
  };
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const versions = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: { registrationId: string; scopeURL: string }[] }) => {
      const reg = e.registrations.find((r) => r.scopeURL.startsWith(stack.webUrl));
      if (reg) resolve(reg.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: stack.webUrl, registrationId: await versions, data: JSON.stringify(payload) });
  await expect
    .poll(
      () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            requireInteraction: n.requireInteraction,
            data: n.data as unknown,
            actions: (n as Notification & { actions?: { action: string; title: string }[] }).actions ?? [],
          })),
        ),
      { timeout: 20_000 },
    )
    .toEqual([
      {
        title: payload.title,
        body: payload.body,
        tag: payload.tag,
        requireInteraction: true,
        data: { url: payload.url, ackUrl: payload.ackUrl },
        actions: [expect.objectContaining({ action: "acknowledge", title: "Acknowledge" })],
      },
    ]);
});
