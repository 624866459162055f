/** A real hub and a real web on free ports with a temp libSQL file, for one test file. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { bearerApi, freePort, planStack, startHub, startWeb, waitForUrl, type Proc, type StackPlanOptions } from "../../scripts/stack";

export { freePort };
import { TEST_DIST_DIR } from "./test-build";

/**
 * Longer than any stretch a test blocks its own event loop (synchronous git on a loaded machine): with Node's 5 s
 * the server could close an idle connection the client's late timers had not yet dropped, and the next POST on it
 * failed with "other side closed".
 */
const SERVER_KEEP_ALIVE_MS = 65_000;

/** `persistHub`: keep the hub's room storage in the stack's folder across restartHub(), as npm start does. */
export type StackOptions = StackPlanOptions & { persistHub?: boolean };

export type Stack = {
  webUrl: string;
  hubUrl: string;
  wsUrl: string;
  adminKey: string;
  secret: string;
  dbPath: string;
  api: (path: string, init?: RequestInit & { key?: string | null }) => Promise<Response>;
  createKey: (role: "agent" | "viewer" | "operator" | "admin", name?: string) => Promise<string>;
  restartWeb: () => Promise<void>;
  stopWeb: () => Promise<void>;
  startWebAgain: () => Promise<void>;
  restartHub: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { dir, dbPath, webPort, hubPort, webUrl, hubUrl, wsUrl, secret, adminKey, hubVars, webEnv } = await planStack("cockpit-test-", {
    ...options,
    webEnv: { PRESENCE_SYNC_MS: "1000", ...options.webEnv },
  });
  const persist = options.persistHub ? join(dir, "hub") : false;
  let hub: Proc = startHub({ port: hubPort, webUrl, secret, persist, vars: hubVars });
  let web: Proc = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR, keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS });
  await Promise.all([waitForUrl(`${webUrl}/api/health`, web), waitForUrl(`${hubUrl}/health`, hub)]);
  const api: Stack["api"] = bearerApi(webUrl, adminKey);

  return {
    webUrl,
    hubUrl,
    wsUrl,
    adminKey,
    secret,
    dbPath,
    api,
    async createKey(role, name = `${role} key`) {
      const res = await api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name, role }) });
      if (res.status !== 201) throw new Error(`could not create key: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    async stopWeb() {
      await web.stop();
    },
    async startWebAgain() {
      web = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR, keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS });
      await waitForUrl(`${webUrl}/api/health`, web);
    },
    async restartWeb() {
      await web.stop();
      web = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR, keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS });
      await waitForUrl(`${webUrl}/api/health`, web);
    },
    async restartHub() {
      await hub.stop();
      hub = startHub({ port: hubPort, webUrl, secret, persist, vars: hubVars });
      await waitForUrl(`${hubUrl}/health`, hub);
    },
    async stop() {
      await Promise.all([web.stop(), hub.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
