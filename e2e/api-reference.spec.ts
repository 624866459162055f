import { expect, test } from "./fixtures";

test("the API reference renders every operation from the served document, with no request leaving the host", async ({ page, signIn, viewerKey }) => {
  const outside: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).hostname !== "127.0.0.1") outside.push(req.url());
  });
  await signIn.session(viewerKey);
  await page.goto("/");
  await page.getByTestId("nav-api").click();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const doc = (await (await page.request.get("/api/cockpit/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `op-${m}-${path}`));
  await expect(page.locator('[data-testid^="op-"]')).toHaveCount(operations.length);
  // Query parameters in a table (required ones starred), bodies and responses folded.
  await expect(page.getByTestId("op-get-/api/cockpit/tasks/{id}")).toContainText("id *");
  await expect(page.getByTestId("op-get-/api/cockpit/tasks")).toContainText("pending | assigned");
  const create = page.getByTestId("op-post-/api/cockpit/tasks");
  await expect(create).toContainText("Needs the `write` permission.");
  await create.getByText("Request body (application/json)").click();
  await expect(create.locator("pre").first()).toContainText('"fanOut"');
  expect(outside).toEqual([]);
});
