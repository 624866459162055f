import { alertById, createAlert } from "../test/helpers/api";
import type { Stack } from "../test/helpers/stack";
import { expect, test, uid } from "./fixtures";

/** The lists: sort and page both ways, board totals, keyboard acknowledge. */

test.beforeEach(async ({ signIn, operatorKey }) => {
  await signIn.session(operatorKey);
});

/** `n` pending tasks nobody can take, titled `${tag} NN`, created in order; priorities cycle low → urgent. */
async function seedTasks(stack: Stack, tag: string, n: number): Promise<string[]> {
  const priorities = ["low", "medium", "high", "urgent"];
  const tasks = Array.from({ length: n }, (_, i) => ({
    id: `${tag}-${String(i).padStart(2, "0")}`,
    title: `${tag} ${String(i).padStart(2, "0")}`,
    executor: "shell",
    priority: priorities[i % 4],
    requires: [`${tag}-nobody`],
  }));
  // Created in id order: equal created times fall back to the id, so either way "newest first" is the ids reversed.
  const res = await stack.api("/api/cockpit/tasks/bulk", { method: "POST", body: JSON.stringify({ tasks }) });
  if (res.status !== 201) throw new Error(`seed ${tag}: ${res.status} ${await res.text()}`);
  return tasks.map((t) => t.id);
}

const rowIds = (page: import("@playwright/test").Page) =>
  page.locator("[data-testid^=task-row-]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.slice("task-row-".length)));

test("the tasks table pages both ways with '26–30 of 30' and a page size", async ({ page, stack }) => {
  const tag = uid("pages");
  const newestFirst = (await seedTasks(stack, tag, 30)).reverse();
  // No live socket needed here: the pages are server-rendered links.
  await page.goto(`/tasks?search=${tag}&limit=25`);
  await expect(page.getByTestId("task-range")).toHaveText("1–25 of 30");
  await expect.poll(() => rowIds(page)).toEqual(newestFirst.slice(0, 25));
  await expect(page.getByTestId("prev-page")).toHaveCount(0);

  await page.getByTestId("next-page").click();
  await expect(page.getByTestId("task-range")).toHaveText("26–30 of 30");
  await expect.poll(() => rowIds(page)).toEqual(newestFirst.slice(25));
  await expect(page.getByTestId("next-page")).toHaveCount(0);
  await expect(page.getByTestId("prev-page")).toHaveText("← Newer");

  await page.getByTestId("prev-page").click();
  await expect(page.getByTestId("task-range")).toHaveText("1–25 of 30");
  await expect.poll(() => rowIds(page)).toEqual(newestFirst.slice(0, 25));

  await page.getByTestId("page-size").getByRole("link", { name: "50 per page" }).click();
  await expect(page.getByTestId("task-range")).toHaveText("1–30 of 30");
});

test("the tasks table sorts by priority, most urgent first, and a click on the header reverses it", async ({ page, stack }) => {
  const tag = uid("prio");
  const ids = await seedTasks(stack, tag, 8);
  // Most urgent first, oldest first within a priority (the queue's order).
  const rank = { urgent: 0, high: 1, medium: 2, low: 3 } as Record<string, number>;
  const byPriority = [...ids].sort((a, b) => rank[priorityOf(ids, a)]! - rank[priorityOf(ids, b)]! || a.localeCompare(b));
  await page.goto(`/tasks?search=${tag}&sort=priority`);
  const header = page.getByRole("columnheader", { name: /Priority/ });
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => rowIds(page)).toEqual(byPriority);
  await page.getByTestId("sort-priority").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => rowIds(page)).toEqual([...byPriority].reverse());
});

const priorityOf = (ids: string[], id: string) => ["low", "medium", "high", "urgent"][ids.indexOf(id) % 4]!;

test("the board counts every task of a column, live, folds empty columns and uses a wide window", async ({ page, stack, dashboard }) => {
  const tag = uid("board");
  const ids = await seedTasks(stack, tag, 34);
  await page.setViewportSize({ width: 1440, height: 900 });
  await dashboard.open(`/tasks?view=board&search=${tag}`);
  const pending = page.getByTestId("board-column-pending");
  await expect(pending.getByTestId("column-count")).toHaveText("34");
  await expect(pending.getByTestId("column-more")).toHaveText("All 34 pending in the table →");
  await expect(page.getByTestId("board-column-cancelled")).toHaveAttribute("data-empty", "true");
  // Wider than the 1,280 px text column, and no wider than the window.
  const board = await page.getByTestId("task-board").boundingBox();
  expect(board!.width).toBeGreaterThan(1300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);

  await stack.api(`/api/cockpit/tasks/${ids[0]}/cancel`, { method: "POST" });
  await expect(pending.getByTestId("column-count")).toHaveText("33");
  await expect(page.getByTestId("board-column-cancelled").getByTestId("column-count")).toHaveText("1");
  await expect(page.getByTestId("board-column-cancelled")).not.toHaveAttribute("data-empty", "true");
});

test("a acknowledges the focused alert and focus moves to the next row", async ({ page, stack, dashboard }) => {
  const tag = uid("keyack");
  const first = await createAlert(stack, { severity: "warning", title: `${tag} first`, source: "e2e" });
  const second = await createAlert(stack, { severity: "warning", title: `${tag} second`, source: "e2e" });
  await dashboard.open("/alerts");
  await dashboard.alertRow(second).getByTestId("alert-open").focus();
  // The row shown after it (newest first: the first alert, unless the stack raised one in between).
  const nextRowId = await dashboard.alertRow(second).evaluate((row) => row.nextElementSibling?.getAttribute("data-testid"));
  expect(nextRowId).toBeTruthy();
  await page.keyboard.press("a");
  await expect(dashboard.alertRow(second)).toHaveAttribute("data-acknowledged", "true");
  await expect(page.getByTestId(nextRowId!).locator("a").first()).toBeFocused();
  await dashboard.alertRow(first).getByTestId("alert-open").focus();
  await page.keyboard.press("a");
  await expect(dashboard.alertRow(first)).toHaveAttribute("data-acknowledged", "true");
  // The row turns acknowledged as soon as it is sent (rolled back if refused): the stored word follows.
  for (const id of [first, second]) await expect.poll(async () => (await alertById(stack, id))?.acknowledged).toBe(true);
});

test("the create form suggests announced capabilities and previews, as fields change, how many agents could take the task", async ({ page, agents }) => {
  const cap = uid("cap").replace(/[^A-Za-z0-9._:-]/g, "-");
  await agents.connect(uid("reach-a"), ["shell", cap]);
  await agents.connect(uid("reach-b"), ["shell", cap]);
  await page.goto("/tasks/new");
  await expect(page.getByTestId("announced-capabilities-list")).toContainText(cap);
  const reach = page.getByTestId("task-reach");
  await page.getByTestId("task-requires").fill(cap);
  await expect(reach).toHaveAttribute("data-agents", "2");
  await expect(reach).toContainText("2 connected agents could take it; all announce the executor “shell”");
  await page.getByTestId("task-requires").fill(`${cap}, ${uid("nobody-has")}`);
  await expect(reach).toHaveAttribute("data-agents", "0");
  await expect(reach).toContainText("No connected agent could take it now");
});
