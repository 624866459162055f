import { devices, type Locator, type Page } from "@playwright/test";
import { alertById, createAlert, createTask, waitForStatus } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

// A phone: small touch screen, mobile user agent, Chromium (the only browser here).
const { defaultBrowserType: _browser, ...phone } = devices["Pixel 7"];
test.use({ ...phone });

test.beforeEach(async ({ signIn, operatorKey }) => {
  await signIn.session(operatorKey);
});

/** A real touch drag through Chromium's input pipeline (the page sees touch pointer events), across the row's middle. */
async function swipe(page: Page, row: Locator, direction: "left" | "right") {
  const box = await row.boundingBox();
  if (!box) throw new Error("the row is not on screen");
  const y = box.y + box.height / 2;
  const from = direction === "right" ? box.x + 20 : box.x + box.width - 20;
  const step = direction === "right" ? 30 : -30;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  await touch("touchStart", from);
  for (let i = 1; i <= 8; i++) await touch("touchMove", from + step * i);
  await touch("touchEnd", from + step * 8);
  await cdp.detach();
}

test("a swipe right on an alert acknowledges it (REST agrees) and Undo opens it again", async ({ page, stack, dashboard }) => {
  const title = uid("Swipe me");
  const id = await createAlert(stack, { severity: "warning", title, source: "e2e" });
  await dashboard.open("/alerts");
  const row = dashboard.alertRow(id);
  await expect(row).toHaveAttribute("data-acknowledged", "false");
  // The same action has a visible button.
  await expect(row.getByTestId("ack-button")).toBeVisible();

  await swipe(page, row, "right");
  await expect(row).toHaveAttribute("data-acknowledged", "true");
  await expect.poll(async () => (await alertById(stack, id))?.acknowledged).toBe(true);

  const toast = page.getByTestId("toast").filter({ hasText: title });
  await toast.getByTestId("toast-action").click();
  await expect(row).toHaveAttribute("data-acknowledged", "false");
  await expect(row).toHaveAttribute("data-status", "open");
  await expect.poll(async () => (await alertById(stack, id))?.acknowledged).toBe(false);
});

test("the overview's feed shows a task's result live", async ({ stack, dashboard, agents }) => {
  const capability = uid("feed-cap");
  const agentId = uid("feed-agent");
  const agent = await agents.connect(agentId, [capability]);
  await dashboard.open("/");
  await dashboard.markNoReload();
  const feed = dashboard.page.getByTestId("overview-activity");
  await expect(feed).toBeVisible();

  const taskId = await createTask(stack, { title: uid("Feed task"), requires: [capability] });
  await agent.next((f) => f.type === "task" && f.taskId === taskId);
  agent.send({ type: "task-accepted", taskId });
  agent.send({ type: "task-result", taskId, status: "completed", result: { ok: true } });
  await waitForStatus(stack, taskId, "completed");
  await expect(feed.locator(`[data-testid="activity-entry"][data-subject="${taskId}"][data-type="completed"]`)).toBeVisible();
  await dashboard.expectNoReload();
});

test("the feed page fits a 390 px phone and filters by kind", async ({ page, stack }) => {
  await createTask(stack, { title: `${uid("A-very-long-task-title-without-spaces")}${"x".repeat(120)}`, requires: [uid("nobody")] });
  await createAlert(stack, { severity: "info", title: uid("Feed alert"), source: "e2e" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/activity");
  await expect(page.getByTestId("activity-entry").first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `/activity is ${width} px wide`).toBeLessThanOrEqual(390);

  await page.goto("/activity?kind=alert");
  const kinds = await page.getByTestId("activity-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds)).toEqual(new Set(["alert"]));
});
