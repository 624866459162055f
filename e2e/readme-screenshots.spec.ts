import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { devices, type Page } from "@playwright/test";
import { EXAMPLE_TEMPLATES } from "../lib/templates/examples";
import { connectAgent } from "../test/helpers/api";
import { NotifyReceiver } from "../test/helpers/notify-receiver";
import { expect, test } from "./fixtures";
import { seedDemo } from "./seed";
import { seedAlertFlow } from "./seed-alert-flow";

// Its own fresh stack: the demo data, then what each feature picture needs, and nothing left by other tests.
test.use({ stackName: "readme-screenshots" });

const DIR = join("test-results", "screenshots");
const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
/** A phone at 390 px, but at device scale 1 so each picture stays small. */
const PHONE = { ...pixel7, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

/** The README's feature pictures (issues 13, 17, 19): what the screen shows, not the whole page, at scale 1. */
test("README pictures: the command bar, the feed and a swipe on a phone; the alert flow; sorted lists, board and analytics", async ({
  browser,
  stack,
  agentKey,
}) => {
  test.setTimeout(420_000);
  mkdirSync(DIR, { recursive: true });
  const { agents } = await seedDemo(stack, agentKey);
  const post = async (path: string, body: unknown) => {
    const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
    expect(res.ok, `${path}: ${await res.clone().text()}`).toBe(true);
    return (await res.json()) as Record<string, { id: string }>;
  };

  // History for the lists and analytics: a CI runner takes 26 builds, a few fail with the reasons analytics ranks.
  const runner = await connectAgent(stack, "ci-runner", { key: agentKey, capabilities: ["ci"] });
  const reasons = ["2 tests failed in checkout.spec.ts", "npm ERR! network timeout", "2 tests failed in checkout.spec.ts"];
  for (let i = 1; i <= 26; i++) {
    const priority = (["low", "medium", "medium", "high", "urgent"] as const)[i % 5];
    const { task } = await post("/api/cockpit/tasks", {
      title: `CI build #${1200 + i}`,
      executor: "shell",
      payload: { command: "make ci" },
      requires: ["ci"],
      priority,
    });
    await runner.next((f) => f.type === "task" && f.taskId === task!.id, 20_000);
    runner.send({ type: "task-accepted", taskId: task!.id });
    const failed = i % 7 === 3;
    runner.send({
      type: "task-result",
      taskId: task!.id,
      status: failed ? "failed" : "completed",
      result: failed ? { error: reasons[i % reasons.length] } : { exitCode: 0 },
      logs: failed ? "FAIL\n" : "ok\n",
    });
  }

  // A coding agent's laptop with a repository, and the /test quick action.
  for (const example of EXAMPLE_TEMPLATES) await stack.api("/api/cockpit/templates", { method: "POST", body: JSON.stringify(example) });
  const laptop = await connectAgent(stack, "ana-laptop", { key: agentKey, capabilities: ["subagent", "git"] });
  laptop.send({ type: "git-status", repos: [{ id: "shop", path: "/Users/ana/src/shop", name: "shop", branch: "main", status: "clean" }] });
  await expect.poll(async () => ((await (await stack.api("/api/cockpit/repos?agentId=ana-laptop")).json()) as { total: number }).total).toBe(1);

  // A named admin, so the feed says who did what.
  const ana = await stack.createKey("admin", "Ana");
  const open = async (options: object) => {
    const context = await browser.newContext({ ...options, baseURL: stack.webUrl });
    const res = await context.request.post("/api/auth/sign-in", { form: { key: ana }, headers: { origin: stack.webUrl }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    return context.newPage();
  };
  const go = async (page: Page, path: string) => {
    await page.goto(path);
    await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(DIR, `${name}.png`) });

  // Phone: /test sent from the bar and its outcome; the feed; a swipe's Undo toast.
  const phone = await open(PHONE);
  await go(phone, "/");
  await phone.getByTestId("command-repo").selectOption("ana-laptop/shop");
  await phone.getByTestId("command-input").fill("/test checkout flow");
  await phone.getByTestId("command-input").press("Enter");
  const frame = await laptop.next((f) => f.type === "task" && (f.payload as { repo?: string }).repo === "shop", 20_000);
  laptop.send({ type: "task-accepted", taskId: frame.taskId });
  laptop.send({
    type: "task-result",
    taskId: frame.taskId,
    status: "completed",
    result: { summary: "Fixed a flaky date test; 212 tests pass" },
    logs: "212 passed\n",
  });
  await expect(phone.getByTestId("command-item").filter({ hasText: "/test checkout flow" })).toHaveAttribute("data-state", "done");
  await shot(phone, "command-bar-phone");

  await go(phone, "/activity");
  await expect(phone.getByTestId("activity-entry").first()).toBeVisible();
  await shot(phone, "activity-phone");

  await go(phone, "/alerts");
  const row = phone.getByTestId("alert-list").locator("[data-acknowledged=false]").filter({ hasText: "mobile has diverged" });
  await expect(row).toBeVisible();
  // Mid-screen, clear of the sticky header and the command bar, so the drag lands on the row.
  await row.evaluate((e) => e.scrollIntoView({ block: "center" }));
  const box = (await row.boundingBox())!;
  const cdp = await phone.context().newCDPSession(phone);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y: box.y + box.height / 2 }] });
  await touch("touchStart", box.x + 20);
  for (let i = 1; i <= 8; i++) await touch("touchMove", box.x + 20 + 30 * i);
  await touch("touchEnd", box.x + 260);
  await expect(phone.getByTestId("toast").filter({ hasText: "mobile has diverged" }).getByTestId("toast-action")).toBeVisible();
  await shot(phone, "swipe-undo-phone");
  await phone.context().close();

  // The alert flow: pushed to a phone, repeated and acknowledged; where alerts go; a silence.
  const rx = await NotifyReceiver.start();
  const desktop = await open(DESKTOP);
  try {
    const alertId = await seedAlertFlow(stack, rx);
    await go(desktop, `/alerts/${alertId}`);
    await expect(desktop.getByTestId("alert-deliveries")).toContainText("sent");
    await expect(desktop.getByTestId("alert-timeline")).toContainText("pruning images");
    await shot(desktop, "alert-detail-desktop");
    await go(desktop, "/notifications");
    await expect(desktop.getByText("Criticals to my phone")).toBeVisible();
    await shot(desktop, "notifications-desktop");
    await go(desktop, "/alerts");
    await expect(desktop.getByTestId("silences")).toContainText("travelling, lid closed");
    await shot(desktop, "silences-desktop");
  } finally {
    await rx.close();
  }

  // The lists: sorted by duration, 25 a page, the last page; the board's totals; analytics over the history above.
  await go(desktop, "/tasks?sort=duration&limit=25");
  await desktop.getByTestId("next-page").click();
  await expect(desktop.getByTestId("task-range")).toContainText(/^26–\d+ of \d+$/);
  await shot(desktop, "tasks-sorted-desktop");
  await go(desktop, "/tasks?view=board");
  await expect(desktop.getByTestId("board-column-completed").getByTestId("column-count")).toBeVisible();
  await shot(desktop, "tasks-board-desktop");
  await go(desktop, "/analytics");
  await expect(desktop.getByTestId("analytics-totals")).toBeVisible();
  await shot(desktop, "analytics-desktop");
  await desktop.context().close();

  for (const a of [...agents, runner, laptop]) a.close();
});
