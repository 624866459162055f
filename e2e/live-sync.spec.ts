import type { Page } from "@playwright/test";
import type { Stack } from "../test/helpers/stack";
import { expect, test, uid } from "./fixtures";

// These tests route requests with page.route, which never sees what a page controlled by the app's service worker
// fetches: once the worker takes control (clients.claim, at a moment that varies) a "refused" request went to the real server.
test.use({ serviceWorkers: "block" });

type ChangeText = { text: string; entity: string; data: { id?: string; status?: string } };

/**
 * Puts a recording relay between the page and the hub (the real one): every frame is passed on as it came, and
 * `replay` sends one again later, as a slow network or a late publisher would deliver an older change.
 */
async function relayHub(page: Page) {
  const changes: ChangeText[] = [];
  let toPage: ((text: string) => void) | null = null;
  await page.routeWebSocket(/\/parties\/main\/cockpit/, (ws) => {
    const server = ws.connectToServer();
    toPage = (text) => ws.send(text);
    server.onMessage((message) => {
      const text = String(message);
      const frame = JSON.parse(text) as { type?: string; entity?: string; data?: ChangeText["data"] };
      if (frame.type === "change" && frame.entity && frame.data) changes.push({ text, entity: frame.entity, data: frame.data });
      ws.send(message);
    });
  });
  return {
    /** The change frame the page received for this task in this status. */
    async taskChange(id: string, status: string): Promise<string> {
      await expect.poll(() => changes.some((c) => c.entity === "task" && c.data.id === id && c.data.status === status)).toBe(true);
      return changes.find((c) => c.entity === "task" && c.data.id === id && c.data.status === status)!.text;
    },
    replay(text: string) {
      if (!toPage) throw new Error("the page has no hub socket");
      toPage(text);
    },
  };
}

async function createTask(stack: Stack, body: Record<string, unknown>): Promise<string> {
  const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ executor: "shell", ...body }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { task: { id: string } }).task.id;
}

test.beforeEach(async ({ signIn, operatorKey, page }) => {
  await signIn.signIn(operatorKey);
  await expect(page.getByTestId("connection-status")).toBeVisible();
});

test("a task that leaves a filtered list does not come back when an older change arrives late", async ({ page, stack, dashboard }) => {
  const hub = await relayHub(page);
  await dashboard.open("/tasks?status=pending");
  const gpu = uid("gpu");
  const id = await createTask(stack, { title: uid("Waits for a GPU"), requires: [gpu] });
  await expect(dashboard.taskRow(id)).toHaveAttribute("data-status", "pending");
  const pending = await hub.taskChange(id, "pending");

  expect((await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" })).status).toBe(200);
  await expect(dashboard.taskRow(id)).toHaveCount(0);

  hub.replay(pending);
  // Barrier: a later task's change travels behind the replayed one on the same socket.
  const later = await createTask(stack, { title: uid("Also waits"), requires: [gpu] });
  await expect(dashboard.taskRow(later)).toHaveAttribute("data-status", "pending");
  await expect(dashboard.taskRow(id)).toHaveCount(0);
});

test("a finished task does not come back as an agent's current task when its running change arrives late", async ({ page, stack, dashboard, agents }) => {
  const hub = await relayHub(page);
  const capability = uid("cap");
  const agentId = uid("runner");
  const agent = await agents.connect(agentId, [capability]);
  await dashboard.open("/agents");
  await expect(dashboard.agentRow(agentId)).toHaveAttribute("data-status", /online|busy/);

  const title = uid("Build once");
  const id = await createTask(stack, { title, requires: [capability] });
  await agent.next((f) => f.type === "task" && f.taskId === id);
  const current = dashboard.agentRow(agentId).getByTestId("agent-current-task");
  await expect(current).toHaveText(title);
  const running = await hub.taskChange(id, "running");

  agent.send({ type: "task-result", taskId: id, status: "completed", result: { exitCode: 0 } });
  await expect(current).toHaveCount(0);

  hub.replay(running);
  // Barrier: the agent's next task is announced behind the replayed change.
  const nextTitle = uid("Build twice");
  const next = await createTask(stack, { title: nextTitle, requires: [capability] });
  await agent.next((f) => f.type === "task" && f.taskId === next);
  await expect(current).toHaveText(nextTitle);
  await expect(dashboard.agentRow(agentId).getByText(title, { exact: true })).toHaveCount(0);
});

test("the task page streams only the holder's output, and shows the stored logs when the task ends", async ({ page, stack, dashboard, agents }) => {
  const hub = await relayHub(page);
  const capability = uid("cap");
  const holder = await agents.connect(uid("holder"), [capability]);
  const intruder = await agents.connect(uid("intruder"), ["git"]);
  const id = await createTask(stack, { title: uid("Streams output"), requires: [capability] });
  await holder.next((f) => f.type === "task" && f.taskId === id);
  await dashboard.open(`/tasks/${id}`);
  await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", "running");
  await dashboard.markNoReload();

  intruder.send({ type: "task-log", taskId: id, seq: 0, chunk: "INTRUDER WAS HERE\n" });
  // Barrier: the hub answers the intruder's next (malformed) frame only after it has handled the chunk before it.
  intruder.send("{ not a frame");
  await intruder.next("error");
  holder.send({ type: "task-log", taskId: id, seq: 0, chunk: "compiling 12 files\n" });
  const logs = page.getByTestId("task-logs");
  await expect(logs).toContainText("compiling 12 files");
  await expect(page.getByText("streaming", { exact: true })).toBeVisible();
  await expect(logs).not.toContainText("INTRUDER");

  holder.send({ type: "task-result", taskId: id, status: "completed", result: { exitCode: 0 }, logs: "compiling 12 files\nall done\n" });
  await expect(page.getByTestId("task-detail")).toHaveAttribute("data-status", "completed");
  await expect(logs).toContainText("all done");
  await expect(page.getByTestId("task-timeline")).toContainText("completed");
  await dashboard.expectNoReload();
  // The change frame that said so carried the row without its logs; the page read them once over REST.
  expect(JSON.parse(await hub.taskChange(id, "completed")).data).not.toHaveProperty("logs");
});
