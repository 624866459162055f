import AxeBuilder from "@axe-core/playwright";
import { devices, type Browser, type Page } from "@playwright/test";
import axe from "axe-core";
import { expect, test, uid } from "./fixtures";

type Violation = { page: string; state: string; id: string; help: string; targets: string[] };

/** The two sizes swept on each page as loaded: the layout follows the viewport (CSS breakpoints), so no reload. */
const SIZES = [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", devices["Pixel 7"].viewport],
] as const;
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

/**
 * The page as loaded, at each size in light and then dark: the theme is a media query and the layout follows the
 * viewport, so one load serves all four states. `settled` waits for what a size shows (the phone's command bar).
 */
async function scanAllStates(page: Page, name: string, settled: (size: string) => Promise<void>): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await settled(size);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // A new layout and colours may transition; axe must see the settled ones (spinners never settle).
      await page.evaluate(async () => {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        await Promise.all(
          document
            .getAnimations()
            .filter((a) => a instanceof CSSTransition)
            .map((a) => a.finished.catch(() => undefined)),
        );
      });
      found.push(...(await scan(page, name, `${size} ${scheme}`)));
    }
  }
  await page.setViewportSize(SIZES[0][1]);
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

/**
 * Two WCAG checks axe leaves out of its A/AA tags (best practice or experimental there), done on the page's markup:
 * headings that skip a level (an h3 straight after the h1), and a control whose aria-label does not contain the words
 * it shows (2.5.3 Label in Name: a voice user says what they see).
 */
async function structure(page: Page, name: string): Promise<Violation[]> {
  const found = await page.evaluate(() => {
    const problems: { id: string; help: string; target: string }[] = [];
    let previous = 0;
    for (const h of document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")) {
      if (h.closest("[hidden], [aria-hidden='true']")) continue;
      const level = Number(h.tagName.slice(1));
      if (previous > 0 && level > previous + 1) problems.push({ id: "heading-order", help: `h${level} after h${previous}`, target: h.innerText.slice(0, 60) });
      previous = level;
    }
    for (const el of document.querySelectorAll<HTMLElement>("button[aria-label], a[aria-label], [role='button'][aria-label]")) {
      const shown = el.innerText.replace(/\s+/g, " ").trim().toLowerCase();
      if (!/\p{L}/u.test(shown)) continue; // an icon or a symbol: nothing a voice user would read out
      const label = el.getAttribute("aria-label")!.replace(/\s+/g, " ").toLowerCase();
      if (!label.includes(shown)) problems.push({ id: "label-in-name", help: `aria-label "${label}" lacks the visible "${shown}"`, target: el.outerHTML.slice(0, 120) });
    }
    return problems;
  });
  return found.map((f) => ({ page: name, state: "markup", id: f.id, help: f.help, targets: [f.target] }));
}

function report(found: Violation[]): string {
  return found.map((v) => `${v.page} [${v.state}] ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");
}

/** A context that loads axe-core into every page once, signed in with `key` (or signed out). */
async function sweepContext(browser: Browser, baseURL: string, key: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: SIZES[0][1], baseURL });
  await context.addInitScript(axe.source);
  if (key) {
    const res = await context.request.post("/api/auth/sign-in", { form: { key }, headers: { origin: baseURL }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
  }
  return context.newPage();
}

test("axe finds no WCAG 2 A/AA violation on any page, on desktop and phone, in light and dark; no heading skips a level, no label hides its text", async ({ browser, stack, agents }) => {
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
  // Linked to its agent and task: links inside a line of text must not rely on colour alone.
  const alert = await post("/api/cockpit/alerts", {
    severity: "critical",
    title: uid("a11y alert"),
    message: "Disk almost full.",
    source: "e2e",
    agentId,
    taskId: task.task!.id,
  });
  // An agent gone offline: its repository's row is shown stale, and must keep AA contrast.
  const goneId = uid("a11y-gone");
  const gone = await agents.connect(goneId, ["git"]);
  gone.send({ type: "git-status", repos: [{ id: "old", path: "/srv/a11y/old", name: "old", branch: "main", status: "clean" }] });
  await expect.poll(async () => ((await (await stack.api(`/api/cockpit/repos?agentId=${goneId}`)).json()) as { total: number }).total).toBe(1);
  gone.close();
  await post("/api/cockpit/templates", { name: uid("a11y"), executor: "shell", payload: { command: "make {args}" } });

  // Each page's own ready marker: the content seeded above, or its heading. The last two are outside the dashboard.
  const heading = (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const pages: [name: string, path: string, ready: (page: Page) => Promise<void>][] = [
    ["overview", "/", heading],
    ["tasks", "/tasks", (p) => expect(p.getByTestId(`task-row-${task.task!.id}`)).toBeVisible()],
    ["board", "/tasks?view=board", (p) => expect(p.getByTestId(`board-card-${task.task!.id}`)).toBeVisible()],
    ["task", `/tasks/${task.task!.id}`, heading],
    ["new task", "/tasks/new", (p) => expect(p.getByTestId("create-task-form")).toBeVisible()],
    ["repos", "/repos", (p) => expect(p.getByTestId(`repo-row-${goneId}:/srv/a11y/old`)).toHaveAttribute("data-stale", "true")],
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

  const found: Violation[] = [];
  // Signed out: the sign-in page is only shown to someone without a session.
  const signedOut = await sweepContext(browser, stack.webUrl, null);
  await signedOut.goto("/sign-in", { waitUntil: "domcontentloaded" });
  await expect(signedOut.getByTestId("sign-in-key")).toBeVisible();
  found.push(...(await scanAllStates(signedOut, "sign-in", async () => {})));
  found.push(...(await structure(signedOut, "sign-in")));
  await signedOut.context().close();

  // An admin sees every control there is (the templates and notifications forms included).
  const page = await sweepContext(browser, stack.webUrl, stack.adminKey);
  const bar = page.getByTestId("command-bar");
  for (const [name, path, ready] of pages) {
    await page.goto(path, { waitUntil: "domcontentloaded" });
    await ready(page);
    // The command bar loads after the page and sits at the bottom of a phone's screen: scanned with it.
    const settled = async (size: string) => {
      if (size === "phone" && !outsideDashboard.has(name)) await expect(bar).toBeVisible();
    };
    found.push(...(await scanAllStates(page, name, settled)));
    found.push(...(await structure(page, name)));
  }
  await page.context().close();
  expect(found, report(found)).toEqual([]);
});
