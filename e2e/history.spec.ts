import { createClient } from "@libsql/client";
import { createTask } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

/** History you can see: stored logs across a reload, analytics from seeded history, pages that fit a phone. */

test.beforeEach(async ({ signIn, operatorKey }) => {
  await signIn.session(operatorKey);
});

test("a reload during a running task shows the earlier output, coloured, then follows it; search finds within it", async ({
  page,
  stack,
  dashboard,
  agents,
}) => {
  const capability = uid("cap");
  const holder = await agents.connect(uid("holder"), [capability]);
  const id = await createTask(stack, { title: uid("Long build"), requires: [capability] });
  await holder.next((f) => f.type === "task" && f.taskId === id);
  holder.send({ type: "task-accepted", taskId: id });
  // Output from before anyone opened the page.
  holder.send({ type: "task-log", taskId: id, seq: 0, chunk: "step 1: install\n" });
  holder.send({ type: "task-log", taskId: id, seq: 1, chunk: "\u001b[31mwarning:\u001b[0m cache miss\n" });
  await expect.poll(async () => ((await (await stack.api(`/api/cockpit/tasks/${id}/logs`)).json()) as { chunks: unknown[] }).chunks.length).toBe(2);

  await dashboard.open(`/tasks/${id}`);
  const logs = page.getByTestId("task-logs");
  await expect(logs).toHaveText("step 1: install\nwarning: cache miss\n");
  await expect(logs.getByText("warning:", { exact: true })).toHaveCSS("color", "rgb(248, 113, 113)");
  holder.send({ type: "task-log", taskId: id, seq: 2, chunk: "step 2: tests\n" });
  await expect(logs).toHaveText("step 1: install\nwarning: cache miss\nstep 2: tests\n");

  await page.reload();
  await dashboard.waitLive();
  await expect(logs).toHaveText("step 1: install\nwarning: cache miss\nstep 2: tests\n");
  holder.send({ type: "task-log", taskId: id, seq: 3, chunk: "step 3: tests again\n" });
  await expect(logs).toHaveText("step 1: install\nwarning: cache miss\nstep 2: tests\nstep 3: tests again\n");

  await page.getByTestId("log-search").fill("TESTS");
  await expect(page.getByTestId("log-matches")).toHaveText("1 of 2");
  await page.getByTestId("log-search").press("Enter");
  await expect(page.getByTestId("log-matches")).toHaveText("2 of 2");
  await expect(logs.locator("mark")).toHaveText(["tests", "tests"]);
  await expect(page.getByTestId("download-logs")).toHaveAttribute("href", `/api/cockpit/tasks/${id}/logs?format=text`);
  const download = await page.request.get(`/api/cockpit/tasks/${id}/logs?format=text`);
  expect(await download.text()).toBe("step 1: install\n\u001b[31mwarning:\u001b[0m cache miss\nstep 2: tests\nstep 3: tests again\n");
});

test("analytics draws seeded history: totals per executor, throughput bars and the overview's 24 h trend", async ({ page, stack }) => {
  const executor = uid("exec").replace(/-/g, "_");
  const db = createClient({ url: `file:${stack.dbPath}` });
  await db.execute("PRAGMA busy_timeout = 5000");
  const now = Date.now();
  const hour = 3_600_000;
  const outcomes = ["completed", "completed", "completed", "failed", "timed_out", "completed", "failed", "completed"];
  for (const [i, status] of outcomes.entries()) {
    const createdAt = now - (6 - (i % 6)) * hour;
    await db.execute({
      sql: "INSERT INTO cockpit_tasks (id, title, executor, status, priority, created_at, updated_at) VALUES (?, 'seeded', ?, 'pending', 'medium', ?, ?)",
      args: [`${executor}-${i}`, executor, createdAt, createdAt],
    });
    await db.execute({
      sql: "UPDATE cockpit_tasks SET status = ?, assigned_agent_id = 'seed-agent', started_at = ?, completed_at = ?, error = ? WHERE id = ?",
      args: [status, createdAt + 2_000, createdAt + 62_000, status === "completed" ? null : "exit code 1", `${executor}-${i}`],
    });
  }
  db.close();

  await page.goto("/analytics?range=24h&by=executor");
  const row = page.getByTestId("analytics-groups").locator(`tr[data-key="${executor}"]`);
  // Percentiles come from histograms with bins 10 % wide: 60 s and 2 s read back within a bin of the truth.
  await expect(row.locator("td")).toHaveText(["8", "5", "2", "1", "63 %", /^1 min( 1 s)?$/, /^1 min( 1 s)?$/, /^2(\.\d)? s$/, /^2(\.\d)? s$/]);
  await expect(page.getByTestId("chart-throughput").locator("rect").first()).toBeVisible();
  // A line through the seeded hours (a lone point draws an empty path, which Playwright counts as hidden).
  await expect(page.getByTestId("chart-failure-rate").locator('path[d*="L"]').first()).toBeVisible();
  await expect(page.getByTestId("failure-reasons")).toContainText("exit code 1");
  await page.getByTestId("range-7d").click();
  await expect(page).toHaveURL(/range=7d&by=executor/);
  await expect(page.getByTestId("analytics-groups").locator(`tr[data-key="${executor}"] td`).first()).toHaveText("8");

  await page.goto("/");
  await expect(page.getByTestId("overview-trends").locator("svg path").first()).toBeVisible();
  await expect(page.getByTestId("trend-failure-rate")).not.toContainText("–");
});

test("no page is wider than a 390 px phone, the fan-out task page included", async ({ page, stack, agents }) => {
  const names = [uid("a-very-long-agent-name-for-fan-out"), uid("another-rather-long-agent-name")];
  for (const n of names) await agents.connect(n);
  const fanOut = await createTask(stack, { title: uid("Fan out a long title that has to wrap on a phone screen"), fanOut: { agents: names } });
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/", "/tasks", "/tasks?view=board", `/tasks/${fanOut}`, "/tasks/new", "/repos", "/alerts", "/agents", "/analytics?by=executor"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
  }
});

test("keyboard only: / searches, j and k move between rows, Enter opens, g a goes to alerts, ? lists the shortcuts", async ({ page, stack, dashboard }) => {
  const tag = uid("kbd");
  const older = await createTask(stack, { title: `${tag} older`, requires: [uid("nobody")] });
  const newer = await createTask(stack, { title: `${tag} newer`, requires: [uid("nobody")] });
  await dashboard.open(`/tasks?search=${tag}`);
  await expect(dashboard.taskRow(newer)).toBeVisible();
  await page.locator("body").press("/");
  await expect(page.locator('main input[name="search"]')).toBeFocused();
  await page.locator('main input[name="search"]').blur();
  await page.keyboard.press("j");
  await expect(dashboard.taskRow(newer).getByRole("link", { name: `${tag} newer` })).toBeFocused();
  await page.keyboard.press("j");
  await expect(dashboard.taskRow(older).getByRole("link", { name: `${tag} older` })).toBeFocused();
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tasks/${older}$`));
  await page.keyboard.press("g");
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/\/alerts$/);
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-help")).toBeVisible();
  await expect(page.getByTestId("shortcuts-help")).toContainText("Go to tasks");
});
