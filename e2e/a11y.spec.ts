import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, uid } from "./fixtures";

type Violation = { page: string; scheme: string; id: string; help: string; targets: string[] };

/** Runs axe (WCAG 2 A and AA) on what the page shows now and returns its violations, labelled with the page. */
async function scan(page: Page, name: string, scheme: string): Promise<Violation[]> {
  // Legacy mode runs axe inside the page, instead of opening a blank page per scan to merge frame results (no iframes here).
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).setLegacyMode(true).analyze();
  return violations.map((v) => ({ page: name, scheme, id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

function report(found: Violation[]): string {
  return found.map((v) => `${v.page} [${v.scheme}] ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");
}

test("axe finds no WCAG 2 A/AA violation on any page, in light and dark", async ({ page, stack, signIn, operatorKey, agents }) => {
  // 38 scans of a few seconds each on a loaded machine; the config's 90 s is for one flow, not a sweep.
  test.setTimeout(360_000);
  const post = async (path: string, body: unknown) => {
    const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
    expect(res.ok, `${path}: ${res.status}`).toBe(true);
    return (await res.json()) as Record<string, { id: string }>;
  };
  // A little of everything, so lists, details and badges are rendered rather than empty states.
  const agentId = uid("a11y-agent");
  const agent = await agents.connect(agentId, ["git", "npm"]);
  agent.send({
    type: "git-status",
    repos: [{ id: "web", path: "/srv/a11y/web", name: "web", branch: "main", status: "dirty", uncommittedCount: 1, modifiedFiles: ["index.ts"] }],
  });
  const task = await post("/api/cockpit/tasks", { title: uid("a11y task"), executor: "shell", payload: { command: "true" }, requires: ["npm"] });
  const alert = await post("/api/cockpit/alerts", { severity: "critical", title: uid("a11y alert"), message: "Disk almost full.", source: "e2e" });

  const pages: [name: string, path: string, ready: () => Promise<void>][] = [
    ["overview", "/", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["tasks", "/tasks", () => expect(page.getByTestId(`task-row-${task.task!.id}`)).toBeVisible()],
    ["board", "/tasks?view=board", () => expect(page.getByTestId(`board-card-${task.task!.id}`)).toBeVisible()],
    ["task", `/tasks/${task.task!.id}`, () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["new task", "/tasks/new", () => expect(page.getByTestId("create-task-form")).toBeVisible()],
    ["repos", "/repos", () => expect(page.getByTestId(`repo-row-${agentId}:/srv/a11y/web`)).toBeVisible()],
    ["alerts", "/alerts", () => expect(page.getByTestId(`alert-row-${alert.alert!.id}`)).toBeVisible()],
    ["alert", `/alerts/${alert.alert!.id}`, () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["agents", "/agents", () => expect(page.getByTestId(`agent-row-${agentId}`)).toBeVisible()],
    ["agent", `/agents/${agentId}`, () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["analytics", "/analytics", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["activity", "/activity", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["notifications", "/notifications", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["sessions", "/sessions", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["approvals", "/approvals", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["api reference", "/api-reference", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible()],
    ["not found", `/${uid("no-such-page")}`, () => expect(page.getByTestId("not-found")).toBeVisible()],
    ["ack link", "/ack?t=not-a-token", () => expect(page.getByRole("heading").first()).toBeVisible()],
  ];

  const found: Violation[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Signed out first: the sign-in page is only shown to someone without a session.
    await page.context().clearCookies();
    await signIn.goto();
    await expect(page.getByTestId("sign-in-key")).toBeVisible();
    found.push(...(await scan(page, "sign-in", scheme)));
    await signIn.session(operatorKey);
    for (const [name, path, ready] of pages) {
      await page.goto(path);
      await ready();
      found.push(...(await scan(page, name, scheme)));
    }
  }
  expect(found, report(found)).toEqual([]);
});
