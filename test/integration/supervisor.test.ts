/** `npm start` restarts a crashed web or hub, says so, and keeps serving; Ctrl-C still stops everything. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRunning } from "../../lib/process/parent-watch";
import { restartDelay } from "../../scripts/supervise";
import { startSupervisedStack, type SupervisedStack } from "../helpers/npm-start";
import { listeningSocketsOf, processTree } from "../helpers/sockets";
import { eventually } from "../helpers/raw-agent";

let stack: SupervisedStack;
beforeAll(async () => {
  stack = await startSupervisedStack();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** The pid listening on `port` among npm start's processes. */
function ownerOf(port: number): number {
  const socket = listeningSocketsOf(processTree(stack.pid)).find((s) => s.port === port);
  if (!socket) throw new Error(`nothing of npm start listens on ${port}`);
  return socket.pid;
}

const healthy = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => null))?.status === 200;

describe("npm start's supervisor", () => {
  it("backs off between restarts, capped", () => {
    expect(restartDelay(1, 1_000)).toBe(1_000);
    expect(restartDelay(3, 1_000)).toBe(4_000);
    expect(restartDelay(20, 1_000)).toBe(30_000);
  });

  it("restarts the web after kill -9 and it serves again", async () => {
    const from = stack.output().length;
    process.kill(ownerOf(stack.webPort), "SIGKILL");
    await stack.waitForOutput(/web exited \(signal SIGKILL\); restarting/, from);
    await stack.waitForOutput("web restarted", from);
    await eventually(() => healthy(`http://127.0.0.1:${stack.webPort}/api/health`), 60_000, "web healthy again");
  });

  it("restarts the hub after kill -9 and it serves again", async () => {
    const from = stack.output().length;
    process.kill(ownerOf(stack.hubPort), "SIGKILL");
    await stack.waitForOutput(/hub exited .*; restarting/, from);
    await stack.waitForOutput("hub restarted", from);
    await eventually(() => healthy(`http://127.0.0.1:${stack.hubPort}/health`), 60_000, "hub healthy again");
    expect(stack.child.exitCode).toBeNull();
  });

  // Last: it ends the stack. stack.pid is tsx's launcher; the supervisor (scripts/start.ts) runs beneath it.
  it("stops the web and the hub when whoever ran it is killed -9", async () => {
    const servers = [ownerOf(stack.webPort), ownerOf(stack.hubPort)];
    const from = stack.output().length;
    process.kill(stack.pid, "SIGKILL");
    await stack.waitForOutput(/The process that ran npm start \(pid \d+\) is gone\./, from, 30_000);
    await eventually(async () => servers.every((pid) => !isRunning(pid)), 30_000, "web and hub stopped");
    expect(await healthy(`http://127.0.0.1:${stack.webPort}/api/health`)).toBe(false);
    expect(await healthy(`http://127.0.0.1:${stack.hubPort}/health`)).toBe(false);
  });
});
