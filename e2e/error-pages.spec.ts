import { createClient } from "@libsql/client";
import { expect, test, uid } from "./fixtures";

// Its own stack: one test damages a task row on purpose, and no other file should ever read it.
test.use({ stackName: "error-pages" });

test.beforeEach(async ({ signIn, operatorKey, page }) => {
  await signIn.signIn(operatorKey);
  await expect(page.getByTestId("connection-status")).toBeVisible();
});

test("a wrong task id shows Task not found inside the dashboard, with the way back to the list", async ({ page, dashboard }) => {
  const res = await page.goto(`/tasks/${uid("task_missing")}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Task not found");
  // Inside the dashboard: the header, the navigation and the live socket are all there.
  await expect(page.getByTestId("nav-tasks")).toBeVisible();
  await dashboard.waitLive();
  await page.getByTestId("back-to-tasks").click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();

  // A segment that decodes to something no id can be ("100%") is just as unknown, not a server error.
  await page.goto("/tasks/100%25");
  await expect(page.getByTestId("not-found")).toContainText("Task not found");
});

test("an address no page knows gets the branded not-found page", async ({ page }) => {
  const res = await page.goto(`/${uid("no-such-page")}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Page not found");
  await page.getByRole("link", { name: "Go to Cockpit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("a page that fails shows the error page inside the dashboard, and Try again loads it once the cause is gone", async ({ page, stack, dashboard }) => {
  const created = await stack.api("/api/cockpit/tasks", {
    method: "POST",
    body: JSON.stringify({ title: uid("Damaged"), executor: "shell", requires: [uid("gpu")] }),
  });
  const id = ((await created.json()) as { task: { id: string } }).task.id;
  expect((await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" })).status).toBe(200);

  // A row the web cannot read (its result is not JSON), as a hand edit or a broken restore would leave it.
  const db = createClient({ url: `file:${stack.dbPath}` });
  try {
    await db.execute({ sql: "UPDATE cockpit_tasks SET result = '{ not json' WHERE id = ?", args: [id] });
    await page.goto(`/tasks/${id}`);
    const error = page.getByTestId("error-page");
    await expect(error).toContainText("Something went wrong");
    await expect(error.getByTestId("error-digest")).not.toBeEmpty();
    await expect(page.getByTestId("nav-tasks")).toBeVisible();
    await dashboard.waitLive();

    await db.execute({ sql: "UPDATE cockpit_tasks SET result = NULL WHERE id = ?", args: [id] });
    await page.getByTestId("error-retry").click();
    await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByTestId("error-page")).toHaveCount(0);
  } finally {
    db.close();
  }
});
