import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { connectAgent } from "../test/helpers/api";
import { startStack, type Stack } from "../test/helpers/stack";
import type { RawAgent } from "../test/helpers/raw-agent";

// Unique ids per test, so tests sharing one stack never see each other's rows by accident.
export { uid } from "../test/helpers/api";

export class SignInPage {
  constructor(
    readonly page: Page,
    private readonly webUrl: string,
  ) {}
  async goto() {
    await this.page.goto("/sign-in");
  }
  /** Through the form, as a person does: for the tests about signing in. */
  async signIn(key: string) {
    await this.goto();
    await this.page.getByTestId("sign-in-key").fill(key);
    await this.page.getByTestId("sign-in-submit").click();
  }
  /** The form's own POST, without rendering the form or the overview it leads to: for tests about something else. */
  async session(key: string) {
    const res = await this.page.request.post("/api/auth/sign-in", { form: { key }, headers: { origin: this.webUrl }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers().location).toBe("/");
  }
  error(): Locator {
    return this.page.getByTestId("sign-in-error");
  }
}

export class Dashboard {
  constructor(readonly page: Page) {}
  connection(): Locator {
    return this.page.getByTestId("connection-status");
  }
  /** Opens a page and waits until the socket is open, so later changes are certain to arrive live. */
  async open(path: string) {
    await this.page.goto(path);
    await this.waitLive();
  }
  async waitLive() {
    await expect(this.connection()).toHaveAttribute("data-status", "live");
  }
  /** Marks the document; a reload would drop the mark, so tests can prove an update arrived without one. */
  async markNoReload() {
    await this.page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  }
  async expectNoReload() {
    expect(await this.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  }
  /** Client-side navigation through the main nav (keeps the socket and the no-reload mark). */
  async navigate(item: "overview" | "tasks" | "repos" | "alerts" | "agents") {
    await this.page.getByTestId(`nav-${item}`).click();
  }
  boardCard(id: string) {
    return this.page.getByTestId(`board-card-${id}`);
  }
  boardColumn(status: string) {
    return this.page.getByTestId(`board-column-${status}`);
  }
  taskRow(id: string) {
    return this.page.getByTestId(`task-row-${id}`);
  }
  alertRow(id: string) {
    return this.page.getByTestId(`alert-row-${id}`);
  }
  agentRow(id: string) {
    return this.page.getByTestId(`agent-row-${id}`);
  }
  repoRow(agentId: string, path: string) {
    return this.page.getByTestId(`repo-row-${agentId}:${path}`);
  }
}

type WorkerFixtures = { stackName: string; hubPingMs: number; hubStaleMs: number; stack: Stack; operatorKey: string; viewerKey: string; agentKey: string };
type TestFixtures = { signIn: SignInPage; dashboard: Dashboard; agents: { connect: (id: string, caps?: string[]) => Promise<RawAgent> } };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // One real hub + web for the whole worker (workers: 1): starting one takes seconds, tests use unique data.
  // A file that needs a clean database sets its own name: a different worker option means a new worker and stack.
  stackName: ["shared", { scope: "worker", option: true }],
  // Retries back off 3 s (not 1 s) so the task page's countdown is there long enough to assert.
  // How often the hub pings (0: its default). The web is told the same, as `npm start` does, for the socket watchdog.
  hubPingMs: [0, { scope: "worker", option: true }],
  // How long a silent agent lasts before the hub closes it as stale (0: its default, two minutes).
  hubStaleMs: [0, { scope: "worker", option: true }],
  stack: [
    async ({ stackName: _name, hubPingMs, hubStaleMs }, use) => {
      const ping: Record<string, string> = hubPingMs > 0 ? { PING_INTERVAL_MS: String(hubPingMs) } : {};
      const stack = await startStack({
        pingIntervalMs: hubPingMs || undefined,
        staleAfterMs: hubStaleMs || undefined,
        webEnv: { HUB_PORT: "", RETRY_BACKOFF_MS: "3000", ...ping },
      });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 240_000 },
  ],
  operatorKey: [async ({ stack }, use) => use(await stack.createKey("operator", "Olivia Operator")), { scope: "worker" }],
  viewerKey: [async ({ stack }, use) => use(await stack.createKey("viewer", "Victor Viewer")), { scope: "worker" }],
  agentKey: [async ({ stack }, use) => use(await stack.createKey("agent", "e2e agent")), { scope: "worker" }],
  baseURL: async ({ stack }, use) => use(stack.webUrl),
  signIn: async ({ page, stack }, use) => use(new SignInPage(page, stack.webUrl)),
  dashboard: async ({ page }, use) => use(new Dashboard(page)),
  agents: async ({ stack, agentKey }, use) => {
    const opened: RawAgent[] = [];
    await use({
      connect: async (id, caps) => {
        const agent = await connectAgent(stack, id, { key: agentKey, capabilities: caps ?? ["git", "npm"] });
        opened.push(agent);
        return agent;
      },
    });
    for (const a of opened) a.close();
  },
});

export { expect };
