import { createTask, viewTask } from "../test/helpers/api";
import type { Stack } from "../test/helpers/stack";
import { expect, test, uid } from "./fixtures";

const restStatus = async (stack: Stack, id: string) => (await viewTask(stack, id)).task.status;

test.describe("operators", () => {
  test.beforeEach(async ({ signIn, operatorKey }) => {
    await signIn.session(operatorKey);
  });

  test("the form's priority and requires route the task to the one agent that can run it", async ({ dashboard, agents, page }) => {
    const [gpu, cpu] = [uid("gpu"), uid("cpu")];
    const cpuAgent = await agents.connect(uid("cpu-box"), ["git", cpu]);
    const gpuAgentId = uid("gpu-box");
    const gpuAgent = await agents.connect(gpuAgentId, ["git", gpu]);
    await dashboard.open("/tasks/new");

    const title = uid("Train on the GPU");
    await page.getByTestId("task-title").fill(title);
    await page.getByTestId("task-priority-input").selectOption("high");
    await page.getByTestId("task-requires").fill(gpu);
    // A wrong advanced field opens the disclosure and says what is wrong, next to the field.
    await page.getByTestId("task-advanced").locator("summary").click();
    await page.getByTestId("task-max-attempts").fill("30");
    await page.getByTestId("task-timeout").fill("soon");
    await page.getByTestId("task-submit").click();
    await expect(page.getByTestId("maxAttempts-error")).toContainText("1 to 20");
    await expect(page.getByTestId("timeout-error")).toContainText("not a duration");
    await page.getByTestId("task-max-attempts").fill("2");
    await page.getByTestId("task-timeout").fill("10m");
    // The server's own refusal lands on its field too.
    await page.getByTestId("task-depends-on-input").fill("task_does_not_exist");
    await page.getByTestId("task-submit").click();
    await expect(page.getByTestId("dependsOn-error")).toContainText("no task task_does_not_exist");
    await page.getByTestId("task-depends-on-input").fill("");
    await page.getByTestId("task-submit").click();

    await expect(page).toHaveURL(/\/tasks\/task_/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    const frame = await gpuAgent.next((f) => f.type === "task" && f.taskId === id);
    expect(frame).toMatchObject({ taskType: "shell" });
    expect(cpuAgent.frames.some((f) => f.type === "task" && f.taskId === id)).toBe(false);

    await expect(page.getByTestId("task-priority")).toHaveAttribute("data-priority", "high");
    await expect(page.getByTestId("attempt-1").getByTestId("attempt-agent")).toHaveText(gpuAgentId);
    await expect(page.getByTestId("task-attempt")).toContainText("attempt 1 of 2");
    await expect(page.getByTestId("task-summary-timeout")).toContainText("10 min");
  });

  test("the board moves a card from pending to running to completed, live", async ({ dashboard, agents, stack, page }) => {
    const cap = uid("board");
    const id = await createTask(stack, { title: uid("Board card"), requires: [cap], priority: "urgent" });
    await dashboard.open("/tasks?view=board");
    await dashboard.markNoReload();
    const card = dashboard.boardCard(id);
    await expect(dashboard.boardColumn("pending").getByTestId(`board-card-${id}`)).toBeVisible();
    await expect(card.getByTestId("task-priority")).toHaveAttribute("data-priority", "urgent");

    const agentId = uid("runner");
    const agent = await agents.connect(agentId, [cap]);
    await agent.next((f) => f.type === "task" && f.taskId === id);
    await expect(dashboard.boardColumn("running").getByTestId(`board-card-${id}`)).toContainText(agentId);
    await expect(dashboard.boardColumn("pending").getByTestId(`board-card-${id}`)).toHaveCount(0);

    agent.send({ type: "task-result", taskId: id, status: "completed", result: { exitCode: 0 } });
    await expect(dashboard.boardColumn("completed").getByTestId(`board-card-${id}`)).toBeVisible();
    await expect(card).toHaveCount(1);
    await dashboard.expectNoReload();
    await page.getByTestId("view-table").click();
    await expect(dashboard.taskRow(id)).toHaveAttribute("data-status", "completed");
  });

  test("bulk cancel of a selection says how many changed and which were skipped", async ({ dashboard, stack, page }) => {
    const prefix = uid("Bulk");
    const cap = uid("never");
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await createTask(stack, { title: `${prefix} ${n}`, requires: [cap] }));
    // One has ended already: the server skips it and says why.
    await stack.api(`/api/cockpit/tasks/${ids[2]}/cancel`, { method: "POST" });
    await dashboard.open(`/tasks?search=${encodeURIComponent(prefix)}`);
    await expect(page.getByTestId("selected-count")).toHaveText("0 selected");
    for (const id of ids) await dashboard.taskRow(id).getByTestId("task-select").check();
    await expect(page.getByTestId("selected-count")).toHaveText("3 selected");
    await page.getByTestId("bulk-cancel").click();
    // Cancelling cannot be undone, so it asks first.
    await expect(page.getByTestId("bulk-cancel-dialog")).toContainText("Cancel 3 tasks?");
    await page.getByTestId("bulk-cancel-confirm").click();
    await expect(page.getByTestId("bulk-outcome")).toContainText("Cancelled 2 of 3");
    await expect(page.getByTestId("bulk-outcome")).toContainText("1 skipped");
    for (const id of ids) await expect(dashboard.taskRow(id)).toHaveAttribute("data-status", "cancelled");
    for (const id of ids.slice(0, 2)) expect(await restStatus(stack, id)).toBe("cancelled");
    // The skipped one stays selected; the cancelled ones are released.
    await expect(page.getByTestId("selected-count")).toHaveText("1 selected");

    await page.getByTestId("select-all-tasks").check();
    await page.getByTestId("bulk-retry").click();
    await expect(page.getByTestId("bulk-outcome")).toContainText("Queued again 3 of 3");
    for (const id of ids) await expect(dashboard.taskRow(id)).toHaveAttribute("data-status", "pending");
  });

  test("a failed first attempt waits out its backoff, runs again, and both attempts are on the page", async ({ dashboard, agents, stack, page }) => {
    const cap = uid("flaky");
    const agentId = uid("flaky-box");
    const agent = await agents.connect(agentId, [cap]);
    const id = await createTask(stack, { title: uid("Flaky test suite"), requires: [cap], maxAttempts: 2 });
    await dashboard.open(`/tasks/${id}`);
    await agent.next((f) => f.type === "task" && f.taskId === id);
    agent.send({ type: "task-result", taskId: id, status: "failed", result: { exitCode: 1 }, logs: "1 test failed\n" });

    await expect(page.getByTestId("retry-countdown")).toContainText(/next attempt in \d/);
    await expect(page.getByTestId("attempt-1")).toHaveAttribute("data-outcome", "failed");
    await agent.next((f) => f.type === "task" && f.taskId === id, 15_000);
    await expect(page.getByTestId("attempt-2")).toHaveAttribute("data-outcome", "in_progress");
    agent.send({ type: "task-result", taskId: id, status: "completed", result: { exitCode: 0 }, logs: "all passed\n" });

    await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", "completed");
    await expect(page.getByTestId("attempt-2")).toHaveAttribute("data-outcome", "completed");
    for (const n of [1, 2]) await expect(page.getByTestId(`attempt-${n}`).getByTestId("attempt-agent")).toHaveText(agentId);
    await expect(page.getByTestId("task-attempt")).toContainText("attempt 2 of 2");
    await expect(page.getByTestId("retry-countdown")).toHaveCount(0);
  });

  test("a fan-out made in the form shows its children live and completes when they all do", async ({ dashboard, agents, page }) => {
    const cap = uid("fleet");
    const ids = [uid("fleet-a"), uid("fleet-b")];
    const fleet = await Promise.all(ids.map((a) => agents.connect(a, [cap])));
    await dashboard.open("/tasks/new");
    await page.getByTestId("task-title").fill(uid("Update every box"));
    await page.getByTestId("task-advanced").locator("summary").click();
    await page.getByTestId("task-fanout-mode").selectOption("capability");
    await page.getByTestId("task-fanout-value").fill(cap);
    await page.getByTestId("task-submit").click();
    await expect(page).toHaveURL(/\/tasks\/task_/);
    await dashboard.waitLive();

    await expect(page.getByTestId("task-children").locator("li")).toHaveCount(2);
    await expect(page.getByTestId("children-progress")).toHaveText("0 of 2 completed");
    const frames = await Promise.all(fleet.map((a) => a.next((f) => f.type === "task")));
    fleet[0]!.send({ type: "task-result", taskId: frames[0]!.taskId, status: "completed", result: { ok: true } });
    await expect(page.getByTestId(`child-row-${String(frames[0]!.taskId)}`)).toHaveAttribute("data-status", "completed");
    await expect(page.getByTestId("children-progress")).toHaveText("1 of 2 completed");
    await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", /pending|running/);
    fleet[1]!.send({ type: "task-result", taskId: frames[1]!.taskId, status: "completed", result: { ok: true } });
    await expect(page.getByTestId("children-progress")).toHaveText("2 of 2 completed");
    await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", "completed");
    await page
      .getByTestId(`child-row-${String(frames[1]!.taskId)}`)
      .getByRole("link")
      .click();
    await expect(page.getByTestId("task-parent")).toBeVisible();
  });
});

test("viewers see the board and the table without selection or bulk controls, and bulk requests are refused", async ({
  signIn,
  viewerKey,
  dashboard,
  stack,
  page,
}) => {
  const id = await createTask(stack, { title: uid("Viewer sees this"), requires: [uid("nope")] });
  await signIn.session(viewerKey);
  for (const path of ["/tasks", "/tasks?view=board"]) {
    await dashboard.open(path);
    await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
    await expect(page.getByTestId("task-select")).toHaveCount(0);
  }
  await expect(dashboard.boardCard(id)).toBeVisible();
  const res = await page.request.post("/api/cockpit/tasks/bulk/cancel", { data: { ids: [id] }, headers: { origin: stack.webUrl } });
  expect(res.status()).toBe(403);
  expect(await restStatus(stack, id)).toBe("pending");
});
