import { devices, type Page } from "@playwright/test";
import { expect, test, uid } from "./fixtures";
import type { Stack } from "../test/helpers/stack";

// A phone: the command bar sits at the bottom of every page.
const { defaultBrowserType: _browser, ...phone } = devices["Pixel 7"];
test.use({ ...phone });

/** The `/test` template as docs/command-bar.md describes it; the shared stack may already have it. */
async function ensureTestTemplate(stack: Stack) {
  const res = await stack.api("/api/cockpit/templates", {
    method: "POST",
    body: JSON.stringify({
      name: "test",
      description: "Run the test suite and fix what fails",
      executor: "subagent",
      payload: { prompt: "Run the test suite and fix what fails. {args}", repo: "{repo}" },
    }),
  });
  expect([201, 409]).toContain(res.status);
}

async function countTasks(stack: Stack, search: string): Promise<number> {
  return ((await (await stack.api(`/api/cockpit/tasks?search=${encodeURIComponent(search)}`)).json()) as { total: number }).total;
}

test("/test on a repository creates a task from its template and shows it running, then its outcome", async ({
  page,
  stack,
  signIn,
  operatorKey,
  dashboard,
  agents,
}) => {
  await ensureTestTemplate(stack);
  const agentId = uid("bar-agent");
  const repoName = uid("shop");
  const repoId = `${repoName}-0a1b2c3d`;
  const agent = await agents.connect(agentId, ["subagent"]);
  agent.send({ type: "git-status", repos: [{ id: repoId, path: `/src/${repoName}`, name: repoName, branch: "main", status: "clean" }] });
  await expect.poll(async () => ((await (await stack.api(`/api/cockpit/repos?agentId=${agentId}`)).json()) as { total: number }).total).toBe(1);

  await signIn.session(operatorKey);
  await dashboard.open("/");
  const bar = page.getByTestId("command-bar");
  await expect(bar).toBeVisible();
  // At the bottom of the phone's screen, with 44 px targets.
  const box = (await bar.boundingBox())!;
  expect(Math.round(box.y + box.height)).toBe(page.viewportSize()!.height);
  for (const id of ["command-input", "command-send", "command-repo"]) expect((await page.getByTestId(id).boundingBox())!.height).toBeGreaterThanOrEqual(44);

  await page.getByTestId("command-repo").selectOption(`${agentId}/${repoId}`);
  await page.getByTestId("command-input").fill("/test checkout flow");
  await page.getByTestId("command-input").press("Enter");

  const frame = await agent.next((f) => f.type === "task" && (f.payload as { repo?: string }).repo === repoId, 20_000);
  expect(frame.payload).toEqual({ prompt: "Run the test suite and fix what fails. checkout flow", repo: repoId });
  const item = page.getByTestId("command-item").filter({ hasText: "/test checkout flow" });
  // A spec agent runs what it is given at once: delivered means running.
  await expect(item).toHaveAttribute("data-state", "running");
  await expect(page.getByTestId("command-input")).toHaveValue("");

  agent.send({ type: "task-result", taskId: frame.taskId, status: "failed", result: { error: "2 tests failed in checkout.spec.ts" }, logs: "FAIL checkout\n" });
  await expect(item).toHaveAttribute("data-state", "failed");
  await expect(item.getByTestId("command-reason")).toHaveText("2 tests failed in checkout.spec.ts");
  const task = (await (await stack.api(`/api/cockpit/tasks/${frame.taskId as string}`)).json()) as { task: { title: string; targetAgentId: string } };
  expect(task.task).toMatchObject({ title: `/test checkout flow · ${repoName}`, targetAgentId: agentId });

  // ↑ brings the line back; a refused command keeps its text in the input.
  await page.getByTestId("command-input").press("ArrowUp");
  await expect(page.getByTestId("command-input")).toHaveValue("/test checkout flow");
  await page.getByTestId("command-input").fill("/cancel no-such-task");
  await page.getByTestId("command-input").press("Enter");
  await expect(page.getByTestId("command-item").filter({ hasText: "/cancel no-such-task" })).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("command-input")).toHaveValue("/cancel no-such-task");
});

test("a prompt typed offline is shown queued and sent exactly once on reconnect", async ({ page, context, stack, signIn, operatorKey, dashboard, agents }) => {
  const agentId = uid("bar-offline");
  const repoName = uid("notes");
  const repoId = `${repoName}-9f8e7d6c`;
  // This agent never answers, so once stored and delivered the prompt stays "running".
  const agent = await agents.connect(agentId, []);
  agent.send({ type: "git-status", repos: [{ id: repoId, path: `/src/${repoName}`, name: repoName, branch: "main", status: "clean" }] });
  await expect.poll(async () => ((await (await stack.api(`/api/cockpit/repos?agentId=${agentId}`)).json()) as { total: number }).total).toBe(1);

  await signIn.session(operatorKey);
  // Not the overview: it re-renders on the server at every socket open, which offline would leave the page.
  await dashboard.open("/tasks");
  await page.getByTestId("command-repo").selectOption(`${agentId}/${repoId}`);
  const prompt = `tidy the README ${uid("offline")}`;

  await context.setOffline(true);
  await expect(dashboard.connection()).not.toHaveAttribute("data-status", "live");
  await page.getByTestId("command-input").fill(prompt);
  await page.getByTestId("command-input").press("Enter");
  const item = page.getByTestId("command-item").filter({ hasText: prompt });
  await expect(item).toHaveAttribute("data-state", "queued");
  expect(await countTasks(stack, prompt)).toBe(0);

  await context.setOffline(false);
  await expect(item).toHaveAttribute("data-state", "running");
  await expect.poll(() => page.evaluate(() => localStorage.getItem("cockpit-command-queue"))).toBe("[]");
  expect(await countTasks(stack, prompt)).toBe(1);

  // A reload flushes again and the live socket reconnects: still one task, since nothing is left queued.
  await dashboard.open("/tasks");
  await expect(page.getByTestId("command-bar")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("cockpit-command-queue"))).toBe("[]");
  const tasks = (await (await stack.api(`/api/cockpit/tasks?search=${encodeURIComponent(prompt)}`)).json()) as {
    total: number;
    tasks: { executor: string; targetAgentId: string; payload: unknown }[];
  };
  expect(tasks.total).toBe(1);
  expect(tasks.tasks[0]).toMatchObject({ executor: "subagent", targetAgentId: agentId, payload: { prompt, repo: repoId } });
});

test("an admin creates a template in the page, runs it from the bar, edits and deletes it; a refused one names its field", async ({
  page,
  stack,
  signIn,
  dashboard,
}) => {
  const name = uid("lint");
  const words = uid("words");
  await signIn.session(stack.adminKey);
  await dashboard.open("/templates");
  const form = page.getByTestId("template-form");
  // 44 px targets on a phone.
  for (const control of [form.locator("#template-new-name"), form.locator("#template-new-payload"), page.getByTestId("template-create")]) {
    expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }

  // The route's own schema refuses before sending; the field it names is marked.
  await form.locator("#template-new-name").fill(name);
  await form.locator("#template-new-executor").fill("not an executor!");
  await page.getByTestId("template-create").click();
  await expect(page.getByTestId("template-new-executor-error")).toContainText("executor");
  await expect(form.locator("#template-new-executor")).toHaveAttribute("aria-invalid", "true");

  await form.locator("#template-new-executor").fill("subagent");
  await form.locator("#template-new-description").fill("Lint and fix");
  await form.locator("#template-new-payload").fill(JSON.stringify({ prompt: "Run the linter and fix what it finds. {args}" }));
  await page.getByTestId("template-create").click();
  const row = page.getByTestId(`template-${name}`);
  await expect(row).toContainText(`/${name} [words]`);
  await expect(row).toContainText("Lint and fix");

  // The same name again: the server's 409 is shown beside the name.
  await form.locator("#template-new-name").fill(name);
  await form.locator("#template-new-executor").fill("subagent");
  await page.getByTestId("template-create").click();
  await expect(page.getByTestId("template-new-name-error")).toContainText("already exists");

  // The command bar (read afresh on the next page) runs it: a task from its payload.
  await dashboard.open("/tasks");
  const task = await runTemplateFromBar(page, stack, name, words);
  expect(task).toMatchObject({ executor: "subagent", payload: { prompt: `Run the linter and fix what it finds. ${words}` } });

  // Edit: the priority and the needed capability change, over REST too.
  await dashboard.open("/templates");
  await page.getByTestId(`template-edit-${name}`).click();
  const edit = page.getByTestId("template-edit-form");
  await edit.locator(`#template-${name}-priority`).selectOption("high");
  await edit.locator(`#template-${name}-requires`).fill("node");
  await page.getByTestId("template-save").click();
  await expect(page.getByTestId(`template-${name}-summary`)).toContainText("high · needs node");
  const saved = (await (await stack.api(`/api/cockpit/templates/${name}`)).json()) as {
    template: { priority: string; requires: string[]; description: string };
  };
  expect(saved.template).toMatchObject({ priority: "high", requires: ["node"], description: "Lint and fix" });

  // Delete asks first, then the template is gone from the page and from REST.
  await page.getByTestId(`template-delete-${name}`).click();
  await page.getByTestId(`template-delete-${name}-confirm`).click();
  await expect(row).toHaveCount(0);
  expect((await stack.api(`/api/cockpit/templates/${name}`)).status).toBe(404);
});

test("a template made elsewhere after the bar read its list runs from the bar at once", async ({ page, stack, signIn, dashboard }) => {
  const name = uid("fresh");
  const words = uid("words");
  await signIn.session(stack.adminKey);
  const listRead = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/cockpit/templates" && r.request().method() === "GET");
  await dashboard.open("/tasks");
  await listRead;
  // Made over REST (another device, a script) after this page's copy of the list was read.
  const made = await stack.api("/api/cockpit/templates", {
    method: "POST",
    // A capability no agent has: the task it makes waits, and no later test's agent is handed it.
    body: JSON.stringify({ name, executor: "subagent", requires: ["e2e-no-such-capability"], payload: { prompt: "Fresh {args}" } }),
  });
  expect(made.status).toBe(201);
  const task = await runTemplateFromBar(page, stack, name, words);
  expect(task).toMatchObject({ payload: { prompt: `Fresh ${words}` } });
  expect((await stack.api(`/api/cockpit/tasks/${task.id}/cancel`, { method: "POST" })).status).toBe(200);
});

/** Types `/name words` in the bar, waits until it is sent, and returns the one task it made (found by its words). */
async function runTemplateFromBar(page: Page, stack: Stack, name: string, words: string): Promise<{ id: string; executor: string; payload: unknown }> {
  await page.getByTestId("command-input").fill(`/${name} ${words}`);
  await page.getByTestId("command-input").press("Enter");
  await expect(page.getByTestId("command-item").filter({ hasText: `/${name} ${words}` })).toHaveAttribute("data-state", /sent|running/);
  const tasks = (await (await stack.api(`/api/cockpit/tasks?search=${encodeURIComponent(words)}`)).json()) as {
    total: number;
    tasks: { id: string; executor: string; payload: unknown }[];
  };
  expect(tasks.total).toBe(1);
  return tasks.tasks[0]!;
}
