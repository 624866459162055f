/**
 * `npm start` must leave nothing reachable from another machine and no debugger anywhere: every listening socket of
 * the stack's processes is on loopback, and none answers the DevTools `/json/list` request.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listeningSocketsOf, processTree, readOr, type ListeningSocket } from "../helpers/sockets";
import { startSupervisedStack, type SupervisedStack } from "../helpers/npm-start";

let stack: SupervisedStack;
let sockets: ListeningSocket[] = [];

beforeAll(async () => {
  stack = await startSupervisedStack();
  sockets = listeningSocketsOf(processTree(stack.pid));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("npm start's listening sockets", () => {
  it("are the web, the hub and Miniflare's loopback helper, all on loopback", () => {
    const ports = sockets.map((s) => s.port);
    expect(ports).toContain(stack.webPort);
    expect(ports).toContain(stack.hubPort);
    const exposed = sockets.filter((s) => !s.loopback);
    expect(exposed, `sockets beyond loopback: ${JSON.stringify(exposed)}`).toEqual([]);
  });

  it("include no DevTools inspector on any port", async () => {
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    for (const s of sockets) {
      const answer = await fetch(`http://127.0.0.1:${s.port}/json/list`, { signal: AbortSignal.timeout(3_000) })
        .then(async (r) => ({ status: r.status, body: await r.text() }))
        .catch((error: unknown) => ({ status: 0, body: String(error) }));
      expect(answer.body, `port ${s.port} (${s.process}) answered /json/list`).not.toMatch(/webSocketDebuggerUrl|devtoolsFrontendUrl/);
    }
  });

  it("do not include the inspector's usual port", () => {
    expect(sockets.map((s) => s.port)).not.toContain(9229);
  });
});

describe("npm start's secrets and files", () => {
  it("keep the secret off every process's command line", () => {
    const secret = readFileSync(join(stack.dataDir, "secret"), "utf8").trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const pids = [...processTree(stack.pid)];
    expect(pids.length).toBeGreaterThan(3);
    for (const pid of pids) {
      const cmdline = readOr(() => readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "), "");
      expect(cmdline, `process ${pid}`).not.toContain(secret);
    }
  });

  it("make the data folder private and every file in it owner-only", () => {
    expect(statSync(stack.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(stack.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(["secret", "cockpit.db"]));
    for (const f of files) expect(statSync(join(f.parentPath, f.name)).mode & 0o077, join(f.parentPath, f.name)).toBe(0);
  });
});
