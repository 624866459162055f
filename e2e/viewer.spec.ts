import { alertById, createAlert } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

test("a viewer sees alerts and tasks but no create or acknowledge controls, and forced writes are refused", async ({
  page,
  signIn,
  dashboard,
  viewerKey,
  stack,
}) => {
  const title = uid("Viewer-visible alert");
  const id = await createAlert(stack, { severity: "critical", title });
  const template = uid("viewed");
  const made = await stack.api("/api/cockpit/templates", { method: "POST", body: JSON.stringify({ name: template, executor: "shell", payload: { command: "make" } }) });
  expect(made.status).toBe(201);

  await signIn.session(viewerKey);
  await dashboard.open("/alerts");
  const row = dashboard.alertRow(id);
  await expect(row).toContainText(title);
  await expect(row.getByTestId("ack-button")).toHaveCount(0);
  await expect(row.getByTestId("alert-select")).toHaveCount(0);
  await expect(page.getByTestId("ack-selected")).toHaveCount(0);

  await dashboard.navigate("tasks");
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByTestId("new-task")).toHaveCount(0);
  await page.goto("/tasks/new");
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByTestId("create-task-form")).toHaveCount(0);

  // Templates are listed, without the admins' form, edit or delete (live: the page's script has run).
  await dashboard.open("/templates");
  await expect(page.getByTestId(`template-${template}`)).toContainText(`/${template}`);
  await expect(page.getByTestId("template-form")).toHaveCount(0);
  await expect(page.getByTestId(`template-edit-${template}`)).toHaveCount(0);
  await expect(page.getByTestId(`template-delete-${template}`)).toHaveCount(0);

  // Forced from the page itself: same origin, session cookie attached; the server still says no.
  const forced = await page.evaluate(async (alertId) => {
    const ack = await fetch(`/api/cockpit/alerts/ack/${alertId}`, { method: "POST" });
    const task = await fetch("/api/cockpit/tasks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "sneaky", executor: "shell" }),
    });
    return { ack: ack.status, task: task.status };
  }, id);
  expect(forced).toEqual({ ack: 403, task: 403 });
  expect((await alertById(stack, id))?.acknowledged).toBe(false);
});
