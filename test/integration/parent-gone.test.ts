/**
 * A web or hub whose launcher dies by kill -9 stops by itself (COCKPIT_PARENT_PID): each runs in a process group of
 * its own, so nothing else would ever stop it, and it would keep the ports and the database a restart needs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { isRunning } from "../../lib/process/parent-watch";
import { planStack, startHub, startWeb, waitForUrl, type Proc } from "../../scripts/stack";
import { eventually } from "../helpers/raw-agent";
import { TEST_DIST_DIR } from "../helpers/test-build";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A stand-in launcher we can kill -9: the servers are told it is the process they belong to. */
function standInLauncher(): ChildProcess {
  const launcher = spawn("sleep", ["600"], { stdio: "ignore" });
  cleanup.push(() => void launcher.kill("SIGKILL"));
  return launcher;
}

const hasExited = (proc: Proc) => proc.child.exitCode !== null || proc.child.signalCode !== null;

describe("servers whose launcher is killed -9", () => {
  it("the web and the hub notice and stop within seconds, freeing their ports", async () => {
    const plan = await planStack("cockpit-parent-");
    cleanup.push(() => rmSync(plan.dir, { recursive: true, force: true }));
    const launcher = standInLauncher();
    const parent = { COCKPIT_PARENT_PID: String(launcher.pid) };
    const hub = startHub({ port: plan.hubPort, webUrl: plan.webUrl, secret: plan.secret, persist: false, vars: { ...plan.hubVars, ...parent } });
    const web = startWeb({ port: plan.webPort, env: { ...plan.webEnv, ...parent }, distDir: TEST_DIST_DIR });
    cleanup.push(() => Promise.all([web.stop(), hub.stop()]).then(() => undefined));
    await Promise.all([waitForUrl(`${plan.webUrl}/api/health`, web), waitForUrl(`${plan.hubUrl}/health`, hub)]);
    expect(isRunning(web.child.pid!)).toBe(true);

    launcher.kill("SIGKILL");
    await eventually(async () => hasExited(web) && hasExited(hub), 15_000, "web and hub exit");
    // They stopped on their own, not by a signal from us: a clean exit, with the reason in their output.
    expect(web.child.exitCode).toBe(0);
    expect(hub.child.exitCode).toBe(0);
    expect(web.output()).toMatch(/the process that started the web \(pid \d+\) is gone; stopping/);
    expect(hub.output()).toMatch(/the process that started the hub \(pid \d+\) is gone; stopping/);
    const refused = (url: string) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then(() => false, () => true);
    expect(await refused(`${plan.webUrl}/api/health`)).toBe(true);
    expect(await refused(`${plan.hubUrl}/health`)).toBe(true);
  });
});
