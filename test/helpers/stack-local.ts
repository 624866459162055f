/** A real hub and a real web on free ports with a temp libSQL file, run as child processes of this process. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { planStack, startHub, startWeb, waitForUrl, type Proc, type StackPlanOptions } from "../../scripts/stack";
import { TEST_DIST_DIR } from "./test-build";

/** `persistHub`: keep the hub's room storage in the stack's folder across restartHub(), as npm start does. */
export type StackOptions = StackPlanOptions & { persistHub?: boolean };

/** Where a stack answers, and the secrets a test needs to talk to it. */
export type StackInfo = { webUrl: string; hubUrl: string; wsUrl: string; adminKey: string; secret: string; dbPath: string };

/** What can be done to a running stack's processes. */
export type StackControl = {
  restartWeb: () => Promise<void>;
  stopWeb: () => Promise<void>;
  startWebAgain: () => Promise<void>;
  restartHub: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Why a stack started here cannot serve any more (its hub or web process ended, with its last output), or null. */
export type StackEnded = { ended: () => string | null };

/**
 * Longer than any stretch a test blocks its own event loop (synchronous git on a loaded machine): with Node's 5 s
 * the server could close an idle connection the client's late timers had not yet dropped, and the next POST on it
 * failed with "other side closed".
 */
const SERVER_KEEP_ALIVE_MS = 65_000;

/** TEST_STACK_ECHO=1 prints every stack's web and hub output, prefixed, to chase a failure the test alone cannot explain. */
const echo = process.env.TEST_STACK_ECHO === "1";

export async function startLocalStack(options: StackOptions = {}): Promise<StackInfo & StackControl & StackEnded> {
  const { dir, dbPath, webPort, hubPort, webUrl, hubUrl, wsUrl, secret, adminKey, hubVars, webEnv } = await planStack("cockpit-test-", {
    ...options,
    webEnv: { PRESENCE_SYNC_MS: "1000", COCKPIT_PRELOAD_ROUTES: "0", ...options.webEnv },
  });
  const persist = options.persistHub ? join(dir, "hub") : false;
  let hub: Proc = startHub({ port: hubPort, webUrl, secret, persist, vars: hubVars, echo });
  let web: Proc = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR, keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS, echo });
  try {
    await Promise.all([waitForUrl(`${webUrl}/api/health`, web), waitForUrl(`${hubUrl}/health`, hub)]);
  } catch (error) {
    await Promise.all([web.stop(), hub.stop()]);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const launchWeb = async () => {
    web = startWeb({ port: webPort, env: webEnv, distDir: TEST_DIST_DIR, keepAliveTimeoutMs: SERVER_KEEP_ALIVE_MS, echo });
    await waitForUrl(`${webUrl}/api/health`, web);
  };
  return {
    webUrl,
    hubUrl,
    wsUrl,
    adminKey,
    secret,
    dbPath,
    stopWeb: () => web.stop(),
    startWebAgain: launchWeb,
    async restartWeb() {
      await web.stop();
      await launchWeb();
    },
    async restartHub() {
      await hub.stop();
      hub = startHub({ port: hubPort, webUrl, secret, persist, vars: hubVars, echo });
      await waitForUrl(`${hubUrl}/health`, hub);
    },
    async stop() {
      await Promise.all([web.stop(), hub.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
    ended() {
      const gone = [hub, web].find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
      return gone ? `its ${gone.name} ended (${gone.child.exitCode ?? gone.child.signalCode}):\n${gone.output().slice(-2000)}` : null;
    },
  };
}
