import { alertById, createAlert, createTask, viewTask } from "../test/helpers/api";
import type { Stack } from "../test/helpers/stack";
import { expect, test, uid } from "./fixtures";

// These tests route requests with page.route, which never sees what a page controlled by the app's service worker
// fetches: once the worker takes control (clients.claim, at a moment that varies) a "refused" request went to the real server.
test.use({ serviceWorkers: "block" });

const raiseAlert = (stack: Stack, severity: "critical" | "warning" | "info", title: string) =>
  createAlert(stack, { severity, title, message: "disk /var at 97%", source: "e2e" });

test.beforeEach(async ({ signIn, operatorKey }) => {
  await signIn.session(operatorKey);
});

test("a raw agent appears live, and its git status shows up on the repos page", async ({ dashboard, agents }) => {
  const agentId = uid("mac");
  await dashboard.open("/agents");
  await dashboard.markNoReload();
  const agent = await agents.connect(agentId);
  await expect(dashboard.agentRow(agentId)).toHaveAttribute("data-status", "online");
  await expect(dashboard.agentRow(agentId)).toContainText("git");

  await dashboard.navigate("repos");
  await dashboard.waitLive();
  const path = `/Users/dev/${agentId}/cockpit`;
  agent.send({
    type: "git-status",
    repos: [
      {
        id: "cockpit",
        path,
        name: "cockpit",
        branch: "feature/live",
        status: "dirty",
        uncommittedCount: 2,
        aheadCount: 1,
        modifiedFiles: ["app/page.tsx", "lib/env.ts"],
      },
    ],
  });
  const row = dashboard.repoRow(agentId, path);
  await expect(row).toHaveAttribute("data-status", "dirty");
  await expect(row.getByTestId("repo-branch")).toHaveText("feature/live");
  await expect(row).toContainText("2 uncommitted");
  await row.getByText("2 modified files").click();
  await expect(row.getByText("lib/env.ts")).toBeVisible();

  agent.close();
  await dashboard.navigate("agents");
  await expect(dashboard.agentRow(agentId)).toHaveAttribute("data-status", "offline");
  await dashboard.expectNoReload();
});

test("a task created in the UI reaches the agent, and its result turns the row completed without a reload", async ({ dashboard, agents, page }) => {
  const capability = uid("cap");
  const agentId = uid("builder");
  const agent = await agents.connect(agentId, ["git", capability]);
  await dashboard.open("/tasks/new");
  await dashboard.markNoReload();

  const title = uid("Run npm test");
  await page.getByTestId("task-title").fill(title);
  await page.getByTestId("task-payload").fill("{ not json");
  await page.getByTestId("task-submit").click();
  await expect(page.getByTestId("payload-error")).toContainText("Not valid JSON");

  await page.getByTestId("task-executor").fill("subagent");
  await page.getByTestId("task-payload").fill('{ "command": "npm test" }');
  await page.getByTestId("task-requires").fill(capability);
  await page.getByTestId("task-submit").click();
  await expect(page).toHaveURL(/\/tasks\/task_/);
  const taskId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

  const frame = await agent.next((f) => f.type === "task" && f.taskId === taskId);
  expect(frame).toMatchObject({ taskType: "subagent", payload: { command: "npm test" } });

  await dashboard.navigate("tasks");
  const row = dashboard.taskRow(taskId);
  await expect(row).toContainText(title);
  await expect(row).toHaveAttribute("data-status", /assigned|running/);
  agent.send({ type: "task-result", taskId, status: "completed", result: { exitCode: 0 }, logs: "all 42 tests passed\n" });
  await expect(row).toHaveAttribute("data-status", "completed");
  await expect(row.getByTestId("task-status")).toHaveText("completed");
  await dashboard.expectNoReload();

  await row.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("task-logs")).toContainText("all 42 tests passed");
  await expect(page.getByTestId("task-result")).toContainText('"exitCode": 0');
  await expect(page.getByTestId("task-timeline")).toContainText("completed");
});

test("an alert created over REST appears live, one click acknowledges it, and REST agrees", async ({ dashboard, stack, page }) => {
  await dashboard.open("/alerts");
  await dashboard.markNoReload();
  const title = uid("Disk almost full");
  const id = await raiseAlert(stack, "critical", title);
  const row = dashboard.alertRow(id);
  await expect(row).toHaveAttribute("data-acknowledged", "false");
  await expect(page.getByTestId("toast").filter({ hasText: title })).toHaveAttribute("data-tone", "critical");

  await row.getByTestId("ack-button").click();
  await expect(row).toHaveAttribute("data-acknowledged", "true");
  await expect(row.getByTestId("acked-by")).toContainText("Olivia Operator");
  await expect.poll(async () => (await alertById(stack, id))?.acknowledgedBy).toBe("Olivia Operator");
  expect((await alertById(stack, id))?.acknowledged).toBe(true);
  await dashboard.expectNoReload();
});

test("a selection of alerts is acknowledged at once", async ({ dashboard, stack }) => {
  const ids = [await raiseAlert(stack, "warning", uid("CPU hot")), await raiseAlert(stack, "info", uid("Backup done"))];
  await dashboard.open("/alerts?acknowledged=false");
  for (const id of ids) await dashboard.alertRow(id).getByTestId("alert-select").check();
  await dashboard.page.getByTestId("ack-selected").click();
  for (const id of ids) await expect(dashboard.alertRow(id)).toHaveAttribute("data-acknowledged", "true");
  for (const id of ids) await expect.poll(async () => (await alertById(stack, id))?.acknowledged).toBe(true);
});

test("an acknowledgement the server refuses is rolled back with the reason", async ({ dashboard, stack, page }) => {
  const id = await raiseAlert(stack, "warning", uid("Flaky disk"));
  await dashboard.open("/alerts");
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/cockpit/alerts/ack/**", async (route) => {
    await held;
    await route.fulfill({ status: 503, json: { error: { code: "unavailable", message: "database is busy" } } });
  });
  const row = dashboard.alertRow(id);
  await row.getByTestId("ack-button").click();
  // Optimistic: acknowledged on screen before the server has answered.
  await expect(row).toHaveAttribute("data-acknowledged", "true");
  release();
  await expect(row).toHaveAttribute("data-acknowledged", "false");
  await expect(page.getByTestId("toast").filter({ hasText: "database is busy" })).toBeVisible();
  expect((await alertById(stack, id))?.acknowledged).toBe(false);
});

test("an operator cancels a waiting task and runs it again from its page", async ({ dashboard, stack, page }) => {
  const id = await createTask(stack, { title: uid("Waits for a GPU"), executor: "python", requires: [uid("gpu")] });
  await dashboard.open(`/tasks/${id}`);
  const detail = page.getByTestId("task-detail");
  await expect(detail).toHaveAttribute("data-status", "pending");
  await page.getByTestId("task-cancel").click();
  // "Keep" leaves the task as it is; the confirm button cancels it.
  await page.getByTestId("task-cancel-dialog").getByRole("button", { name: "Keep" }).click();
  await expect(page.getByTestId("task-cancel-dialog")).toBeHidden();
  await expect(detail).toHaveAttribute("data-status", "pending");
  await page.getByTestId("task-cancel").click();
  await page.getByTestId("task-cancel-confirm").click();
  await expect(detail).toHaveAttribute("data-status", "cancelled");
  await expect(page.getByTestId("task-timeline")).toContainText("cancelled");
  await page.getByTestId("task-retry").click();
  await expect(detail).toHaveAttribute("data-status", "pending");
  expect((await viewTask(stack, id)).task.status).toBe("pending");
});
