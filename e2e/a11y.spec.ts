import AxeBuilder from "@axe-core/playwright";
import { devices, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import axe from "axe-core";
import { expect, test, uid } from "./fixtures";

type Violation = { page: string; state: string; id: string; help: string; targets: string[] };

const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
/** The two sizes swept, each in one browser context reused for every page: a page loads once per size. */
const SIZES: [size: string, options: BrowserContextOptions][] = [
  ["desktop", { viewport: { width: 1280, height: 800 } }],
  ["phone", pixel7],
];
/** axe-core is loaded by the context with every page (see `sweepContext`); AxeBuilder's own injection is then a no-op. */
const AXE_ALREADY_LOADED = "void 0";

/** Runs axe (WCAG 2 A and AA) on what the page shows now and returns its violations, labelled with the page and state. */
async function scan(page: Page, name: string, state: string): Promise<Violation[]> {
  // Legacy mode runs axe inside the page instead of opening a blank page per scan to merge frames (no iframes here);
  // only violations are collected in full. options() goes first: it replaces what withTags sets.
  const { violations } = await new AxeBuilder({ page, axeSource: AXE_ALREADY_LOADED })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa"])
    .setLegacyMode(true)
    .analyze();
  return violations.map((v) => ({ page: name, state, id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** Light, then dark, on the page as loaded: the theme is a media query, so switching it needs no reload. */
async function scanBothSchemes(page: Page, name: string, size: string): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours that change with the theme may transition; axe must see the settled ones (spinners never settle).
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a instanceof CSSTransition)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    found.push(...(await scan(page, name, `${size} ${scheme}`)));
  }
  return found;
}

function report(found: Violation[]): string {
  return found.map((v) => `${v.page} [${v.state}] ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");
}

/** A context of one size that loads axe-core into every page once, signed in with `key` (or signed out). */
async function sweepContext(browser: Browser, baseURL: string, options: BrowserContextOptions, key: string | null): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL });
  await context.addInitScript(axe.source);
  if (key) {
    const res = await context.request.post("/api/auth/sign-in", { form: { key }, headers: { origin: baseURL }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
  }
  return context.newPage();
}

test("axe finds no WCAG 2 A/AA violation on any page, on desktop and phone, in light and dark", async ({ browser, stack, agents }) => {
  // 20 pages × 2 sizes × 2 themes on a loaded machine; the config's 90 s is for one flow, not a sweep.
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
  await post("/api/cockpit/templates", { name: uid("a11y"), executor: "shell", payload: { command: "make {args}" } });

  // Each page's own ready marker: the content seeded above, or its heading. The last two are outside the dashboard.
  const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const pages: [name: string, path: string, ready: (page: Page) => Promise<void>][] = [
    ["overview", "/", heading],
    ["tasks", "/tasks", (p) => expect(p.getByTestId(`task-row-${task.task!.id}`)).toBeVisible()],
    ["board", "/tasks?view=board", (p) => expect(p.getByTestId(`board-card-${task.task!.id}`)).toBeVisible()],
    ["task", `/tasks/${task.task!.id}`, heading],
    ["new task", "/tasks/new", (p) => expect(p.getByTestId("create-task-form")).toBeVisible()],
    ["repos", "/repos", (p) => expect(p.getByTestId(`repo-row-${agentId}:/srv/a11y/web`)).toBeVisible()],
    ["alerts", "/alerts", (p) => expect(p.getByTestId(`alert-row-${alert.alert!.id}`)).toBeVisible()],
    ["alert", `/alerts/${alert.alert!.id}`, heading],
    ["agents", "/agents", (p) => expect(p.getByTestId(`agent-row-${agentId}`)).toBeVisible()],
    ["agent", `/agents/${agentId}`, heading],
    ["analytics", "/analytics", heading],
    ["activity", "/activity", heading],
    ["notifications", "/notifications", heading],
    // An admin's view: the list and the form that creates a template.
    ["templates", "/templates", (p) => expect(p.getByTestId("template-form")).toBeVisible()],
    ["sessions", "/sessions", heading],
    ["approvals", "/approvals", heading],
    ["api reference", "/api-reference", heading],
    ["not found", `/${uid("no-such-page")}`, (p) => expect(p.getByTestId("not-found")).toBeVisible()],
    ["ack link", "/ack?t=not-a-token", (p) => expect(p.getByRole("heading").first()).toBeVisible()],
  ];
  const outsideDashboard = new Set(["not found", "ack link"]);

  async function sweep(size: string, options: BrowserContextOptions): Promise<Violation[]> {
    const found: Violation[] = [];
    // Signed out: the sign-in page is only shown to someone without a session.
    const signedOut = await sweepContext(browser, stack.webUrl, options, null);
    await signedOut.goto("/sign-in", { waitUntil: "domcontentloaded" });
    await expect(signedOut.getByTestId("sign-in-key")).toBeVisible();
    found.push(...(await scanBothSchemes(signedOut, "sign-in", size)));
    await signedOut.context().close();

    // An admin sees every control there is (the templates and notifications forms included).
    const page = await sweepContext(browser, stack.webUrl, options, stack.adminKey);
    for (const [name, path, ready] of pages) {
      await page.goto(path, { waitUntil: "domcontentloaded" });
      await ready(page);
      // The command bar loads after the page and sits at the bottom of a phone's screen: scanned with it.
      if (!outsideDashboard.has(name)) await expect(page.getByTestId("command-bar")).toBeAttached();
      found.push(...(await scanBothSchemes(page, name, size)));
    }
    await page.context().close();
    return found;
  }

  // The two sizes side by side: each page runs in its own renderer, so both cores work.
  const found = (await Promise.all(SIZES.map(([size, options]) => sweep(size, options)))).flat();
  expect(found, report(found)).toEqual([]);
});
