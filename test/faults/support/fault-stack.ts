/** A real hub (room storage persisted, as npm start keeps it) and a real web that can be killed with SIGKILL and started again. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { bearerApi, planStack, startHub, startWeb, waitForUrl, type Proc, type StackPlanOptions } from "../../../scripts/stack";

export type FaultStack = {
  webUrl: string;
  hubUrl: string;
  wsUrl: string;
  adminKey: string;
  dir: string;
  api: ReturnType<typeof bearerApi>;
  createKey: (role: "agent" | "viewer" | "operator" | "admin", name?: string) => Promise<string>;
  /** Process-group ids (the leader's pid) of the running hub and web, for /proc readings. */
  hubGroup: () => number;
  webGroup: () => number;
  /** kill -9 of the whole process group, then the same command again on the same port and storage. */
  killHub: () => Promise<void>;
  startHubAgain: () => Promise<void>;
  killWeb: () => Promise<void>;
  startWebAgain: () => Promise<void>;
  /** The tail of each server's output (both runs when it was restarted), for a failure message. */
  logs: () => string;
  stop: () => Promise<void>;
};

export type FaultStackOptions = StackPlanOptions & { distDir: string; startTimeoutMs?: number };

/** SIGKILL to every process of the group; resolves once the leader exited (launch() reaps the rest). */
async function killGroup(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.child.once("exit", () => resolve()));
  try {
    process.kill(-proc.child.pid!, "SIGKILL");
  } catch {
    return; // already gone
  }
  await exited;
}

export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const plan = await planStack("cockpit-faults-", options);
  const { dir, webPort, hubPort, webUrl, hubUrl, secret, adminKey, hubVars, webEnv } = plan;
  const persist = join(dir, "hub");
  const timeout = options.startTimeoutMs ?? 90_000;
  const past: string[] = [];
  const launchHub = () => startHub({ port: hubPort, webUrl, secret, persist, vars: hubVars });
  const launchWeb = () => startWeb({ port: webPort, env: { PRESENCE_SYNC_MS: "1000", ...webEnv }, distDir: options.distDir });
  let hub = launchHub();
  let web = launchWeb();
  await Promise.all([waitForUrl(`${webUrl}/api/health`, web, timeout), waitForUrl(`${hubUrl}/health`, hub, timeout)]);
  const api = bearerApi(webUrl, adminKey);

  return {
    webUrl,
    hubUrl,
    wsUrl: plan.wsUrl,
    adminKey,
    dir,
    api,
    async createKey(role, name = `${role} key`) {
      const res = await api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name, role }) });
      if (res.status !== 201) throw new Error(`could not create key: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    hubGroup: () => hub.child.pid!,
    webGroup: () => web.child.pid!,
    async killHub() {
      await killGroup(hub);
      past.push(`[hub, killed]\n${hub.output().slice(-3000)}`);
    },
    async startHubAgain() {
      hub = launchHub();
      await waitForUrl(`${hubUrl}/health`, hub, timeout);
    },
    async killWeb() {
      await killGroup(web);
      past.push(`[web, killed]\n${web.output().slice(-3000)}`);
    },
    async startWebAgain() {
      web = launchWeb();
      await waitForUrl(`${webUrl}/api/health`, web, timeout);
    },
    logs: () => [...past, `[hub]\n${hub.output().slice(-3000)}`, `[web]\n${web.output().slice(-3000)}`].join("\n"),
    async stop() {
      await Promise.all([web.stop(), hub.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
