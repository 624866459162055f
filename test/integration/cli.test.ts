import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/run";
import { connectAgent, uid } from "../helpers/api";
import type { RawAgent } from "../helpers/raw-agent";
import { freePort, startStack, type Stack } from "../helpers/stack";

let stack: Stack;
let agent: RawAgent;
let viewerKey: string;
let home: string;
const agentId = uid("cli-agent");

type Run = { code: number; stdout: string; stderr: string };

/** The CLI in this process (cli/run.ts's main, what the bin calls), with only the environment given and an empty HOME. */
async function cockpit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, { HOME: home, ...env }, { print: (s) => stdout.push(s + "\n"), err: (s) => stderr.push(s + "\n") });
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/** The real `cockpit` bin in a child process (slower: tsx compiles the CLI on each start). */
function cockpitBin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["cli/bin.mjs", ...args],
      { env: { ...process.env, HOME: home, COCKPIT_URL: "", COCKPIT_KEY: "", ...env }, timeout: 60_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  stack = await startStack();
  home = mkdtempSync(join(tmpdir(), "cockpit-cli-home-"));
  viewerKey = await stack.createKey("viewer");
  agent = await connectAgent(stack, agentId, { capabilities: ["cli-test"] });
  // The agent completes tasks whose payload says so, and fails the others.
  agent.ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; taskId?: string; payload?: { outcome?: string } };
    if (frame.type !== "task" || !frame.taskId) return;
    const status = frame.payload?.outcome === "complete" ? "completed" : "failed";
    agent.send({ type: "task-result", taskId: frame.taskId, status, result: { by: agentId } });
  });
});
afterAll(async () => {
  agent?.close();
  await stack?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const asAdmin = () => ({ COCKPIT_URL: stack.webUrl, COCKPIT_KEY: stack.adminKey });

describe("cockpit tasks create --wait", () => {
  it("exits 0 when the task completes, printing it as JSON", async () => {
    const run = await cockpitBin(
      ["tasks", "create", "--title", "ci step", "--executor", "shell", "--requires", "cli-test", "--payload", '{"outcome":"complete"}', "--wait", "--json"],
      asAdmin(),
    );
    expect(run.stderr).toContain("status: completed");
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { task: { status: string; result: unknown } };
    expect(body.task).toMatchObject({ status: "completed", result: { by: agentId } });
  });

  it("exits 1 when the task fails", async () => {
    const run = await cockpitBin(["tasks", "create", "--title", "broken step", "--executor", "shell", "--requires", "cli-test", "--wait"], asAdmin());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("status: failed");
  });

  it("exits 1 when --wait-timeout passes before the task ends", async () => {
    const run = await cockpit(
      ["tasks", "create", "--title", "nobody can run", "--executor", "shell", "--requires", "no-such-capability", "--wait", "--wait-timeout", "1000"],
      asAdmin(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("still pending");
  });
});

describe("cockpit commands against the real stack", () => {
  it("lists, shows, cancels and retries tasks", async () => {
    const id = uid("cli-task");
    const created = await cockpit(["tasks", "create", "--id", id, "--title", "waits", "--executor", "shell", "--requires", "no-such-capability"], asAdmin());
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`id: ${id}`);
    const list = JSON.parse((await cockpit(["tasks", "list", "--status", "pending", "--json"], asAdmin())).stdout) as { tasks: { id: string }[] };
    expect(list.tasks.map((t) => t.id)).toContain(id);
    expect((await cockpit(["tasks", "show", id], asAdmin())).stdout).toContain("status: pending");
    expect((await cockpit(["tasks", "cancel", id], asAdmin())).stdout).toContain("status: cancelled");
    expect((await cockpit(["tasks", "retry", id], asAdmin())).stdout).toContain("status: pending");
    const human = await cockpit(["tasks", "list", "--status", "pending"], asAdmin());
    expect(human.stdout).toMatch(new RegExp(`^${id}\\s+pending\\s+shell`, "m"));
  });

  it("lists and acknowledges alerts, lists agents, creates and revokes keys", async () => {
    const res = await stack.api("/api/cockpit/alerts", { method: "POST", body: JSON.stringify({ severity: "critical", title: "cli alert" }) });
    const alertId = ((await res.json()) as { alert: { id: string } }).alert.id;
    expect((await cockpit(["alerts", "list", "--open", "--severity", "critical"], asAdmin())).stdout).toContain(alertId);
    expect((await cockpit(["alerts", "ack", alertId], asAdmin())).stdout).toContain(`acknowledged: ${alertId}`);
    expect((await cockpit(["alerts", "ack", alertId], asAdmin())).stdout).toContain("already acknowledged");
    expect((await cockpit(["agents", "list"], asAdmin())).stdout).toContain(agentId);

    const key = JSON.parse((await cockpit(["keys", "create", "--name", "ci", "--role", "viewer", "--json"], asAdmin())).stdout) as { id: string; key: string };
    expect((await cockpit(["tasks", "list"], { COCKPIT_URL: stack.webUrl, COCKPIT_KEY: key.key })).code).toBe(0);
    expect((await cockpit(["keys", "revoke", key.id], asAdmin())).stdout).toContain(`revoked ${key.id}`);
    const refused = await cockpit(["tasks", "list"], { COCKPIT_URL: stack.webUrl, COCKPIT_KEY: key.key });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("401");
  });

  it("reads the URL and key from a config file, with flags winning over env", async () => {
    const config = join(home, "cli.json");
    writeFileSync(config, JSON.stringify({ url: stack.webUrl, key: stack.adminKey }));
    expect((await cockpit(["agents", "list", "--config", config])).stdout).toContain(agentId);
    const flagWins = await cockpit(["agents", "list", "--url", stack.webUrl, "--key", stack.adminKey], {
      COCKPIT_URL: "http://127.0.0.1:1",
      COCKPIT_KEY: "wrong",
    });
    expect(flagWins.code).toBe(0);
  });
});

describe("cockpit errors say what is wrong", () => {
  it("401 for a wrong key, 403 for a viewer writing", async () => {
    const wrong = await cockpit(["tasks", "list"], { COCKPIT_URL: stack.webUrl, COCKPIT_KEY: "ck_not_a_real_key" });
    expect(wrong).toMatchObject({ code: 4 });
    expect(wrong.stderr).toContain("the key was refused (401)");
    const viewer = await cockpit(["tasks", "create", "--title", "x", "--executor", "shell"], { COCKPIT_URL: stack.webUrl, COCKPIT_KEY: viewerKey });
    expect(viewer.code).toBe(4);
    expect(viewer.stderr).toContain("not allowed (403)");
  });

  it("400 names the field, 404 names the task", async () => {
    const bad = await cockpit(["tasks", "create", "--title", "x", "--executor", "not allowed!"], asAdmin());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('in field "executor"');
    const missing = await cockpit(["tasks", "show", "no-such-task"], asAdmin());
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("no task no-such-task");
  });

  it("an unreachable server, a missing key and a bad flag", async () => {
    const port = await freePort();
    const down = await cockpit(["tasks", "list"], { COCKPIT_URL: `http://127.0.0.1:${port}`, COCKPIT_KEY: "k" });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`);
    const nokey = await cockpit(["tasks", "list"], { COCKPIT_URL: stack.webUrl });
    expect(nokey.code).toBe(2);
    expect(nokey.stderr).toContain("missing key");
    const flag = await cockpit(["tasks", "list", "--colour"], asAdmin());
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--colour");
  });
});
