import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { NotifyReceiver } from "../test/helpers/notify-receiver";
import { expect, test } from "./fixtures";
import { seedDemo } from "./seed";
import { seedAlertFlow } from "./seed-alert-flow";

// A fresh stack of its own, so the pictures show the demo data and nothing left by other tests.
test.use({ stackName: "screenshots" });

const DIR = join("test-results", "screenshots");
const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

test("every page, on desktop and phone, light and dark", async ({ page, signIn, dashboard, stack, agentKey, operatorKey }) => {
  test.setTimeout(420_000);
  mkdirSync(DIR, { recursive: true });
  const { agents, completedTaskId } = await seedDemo(stack, agentKey);
  const shoot = async (name: string, path: string, ready: () => Promise<void>) => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      await dashboard.open(path);
      await ready();
      // Full-page shots of a scrolled page would paint the sticky header mid-page.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(DIR, `${name}-${size}.png`), fullPage: true });
    }
  };

  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await signIn.goto();
    await page.screenshot({ path: join(DIR, `sign-in-${size}.png`), fullPage: true });
  }
  await signIn.signIn(operatorKey);
  await expect(page.getByTestId("connection-status")).toBeVisible();

  await shoot("overview", "/", () => expect(page.getByTestId("stat-repos-diverged")).toContainText("1"));
  await shoot("tasks", "/tasks", () => expect(page.getByTestId("task-table")).toContainText("Build release images"));
  await shoot("tasks-board", "/tasks?view=board", () => expect(page.getByTestId("board-column-running")).toContainText("Build release images"));
  await shoot("task", `/tasks/${completedTaskId}`, () => expect(page.getByTestId("task-logs")).toContainText("71 passed"));
  await shoot("new-task", "/tasks/new", () => expect(page.getByTestId("create-task-form")).toBeVisible());
  await shoot("repos", "/repos", async () => {
    await expect(page.getByTestId("repo-list")).toContainText("mobile");
    await page.getByText("3 modified files").click();
  });
  await shoot("alerts", "/alerts", () => expect(page.getByTestId("alert-list")).toContainText("Disk almost full"));
  await shoot("agents", "/agents", () => expect(page.getByTestId("agent-row-build-box")).toHaveAttribute("data-status", "busy"));

  await page.emulateMedia({ colorScheme: "dark" });
  // The count is whatever the demo raised (its failed tasks raise alerts of their own): wait for the tile, not a number.
  await shoot("overview-dark", "/", () => expect(page.getByTestId("stat-alerts-critical")).toBeVisible());
  await shoot("alerts-dark", "/alerts", () => expect(page.getByTestId("alert-list")).toContainText("Disk almost full"));
  await shoot("task-dark", `/tasks/${completedTaskId}`, () => expect(page.getByTestId("task-logs")).toContainText("71 passed"));
  await page.emulateMedia({ colorScheme: "light" });

  // The alert flow, last so the pictures above keep the demo data: a push to a phone, its timeline, where alerts go.
  const rx = await NotifyReceiver.start();
  try {
    const alertId = await seedAlertFlow(stack, rx);
    await shoot("alert-detail", `/alerts/${alertId}`, () => expect(page.getByTestId("alert-deliveries")).toContainText("sent"));
    await signIn.session(stack.adminKey);
    await shoot("notifications", "/notifications", () => expect(page.getByText("Criticals to my phone")).toBeVisible());
  } finally {
    await rx.close();
  }
  for (const a of agents) a.close();
});
