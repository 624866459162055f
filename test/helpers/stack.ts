/** A real hub and a real web on free ports with a temp libSQL file, for one test file. */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startHub, startWeb, waitForUrl, type Proc } from "../../scripts/stack";

export { freePort };
import { TEST_DIST_DIR } from "./global-setup";

export type StackOptions = { pingIntervalMs?: number; staleAfterMs?: number; hubVars?: Record<string, string>; webEnv?: Record<string, string> };

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
  const dir = mkdtempSync(join(tmpdir(), "cockpit-test-"));
  const dbPath = join(dir, "cockpit.db");
  const [webPort, hubPort] = [await freePort(), await freePort()];
  const webUrl = `http://127.0.0.1:${webPort}`;
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const secret = randomBytes(24).toString("hex");
  const adminKey = `qk_${randomBytes(16).toString("hex")}`;
  const hubVars = {
    QUEUE_API_KEY: adminKey,
    PING_INTERVAL_MS: options.pingIntervalMs ? String(options.pingIntervalMs) : undefined,
    STALE_AFTER_MS: options.staleAfterMs ? String(options.staleAfterMs) : undefined,
    ...options.hubVars,
  };
  const webEnv = { DATABASE_URL: `file:${dbPath}`, COCKPIT_SECRET: secret, HUB_URL: hubUrl, QUEUE_API_KEY: adminKey, PRESENCE_SYNC_MS: "1000", PING_INTERVAL_MS: hubVars.PING_INTERVAL_MS, ...options.webEnv };
  let hub: Proc = startHub({ port: hubPort, webUrl, secret, persist: false, vars: hubVars });
  let web: Proc = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR });
  await Promise.all([waitForUrl(`${webUrl}/api/health`, web), waitForUrl(`${hubUrl}/health`, hub)]);

  const api: Stack["api"] = (path, init = {}) => {
    const { key = adminKey, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key) headers.set("authorization", `Bearer ${key}`);
    if (rest.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(`${webUrl}${path}`, { ...rest, headers });
  };

  return {
    webUrl,
    hubUrl,
    wsUrl: `ws://127.0.0.1:${hubPort}`,
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
      web = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR });
      await waitForUrl(`${webUrl}/api/health`, web);
    },
    async restartWeb() {
      await web.stop();
      web = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR });
      await waitForUrl(`${webUrl}/api/health`, web);
    },
    async restartHub() {
      await hub.stop();
      hub = startHub({ port: hubPort, webUrl, secret, persist: false, vars: hubVars });
      await waitForUrl(`${hubUrl}/health`, hub);
    },
    async stop() {
      await Promise.all([web.stop(), hub.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
