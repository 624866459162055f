import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { FINISHED, createTask, getAgent, getTask } from "../agent/support/api";
import { spawnAgent, type AgentChild } from "../agent/support/agent-child";
import { git } from "../agent/support/git-fixture";
import { commitAndClone, fsmonitorConfig, sshCommandConfig, writeBareRepoFolder } from "../agent/support/hostile-repo";

// A repository's committed files must never make the agent's git run a command: a nested folder that looks like a
// bare repository brings its own config (core.fsmonitor, core.sshCommand), which git honours when it runs there.
const AGENT_ID = "git-security-agent";
let stack: Stack;
let agent: AgentChild;
let root: string;
let watched: string;
const marker = (name: string) => join(root, "markers", name);

beforeAll(async () => {
  stack = await startStack();
  root = mkdtempSync(join(tmpdir(), "agent-git-security-"));
  mkdirSync(join(root, "markers"));
  const upstream = join(root, "upstream");
  git(root, "init", "-q", "-b", "main", upstream);
  writeFileSync(join(upstream, "README.md"), "hello\n");
  writeBareRepoFolder(join(upstream, "vendor", "monitor.git"), fsmonitorConfig(`touch ${marker("fsmonitor")}`));
  writeBareRepoFolder(join(upstream, "vendor", "ssh.git"), sshCommandConfig(`touch ${marker("ssh")}`));
  writeBareRepoFolder(join(upstream, "vendor", "shell.git"), fsmonitorConfig(`touch ${marker("shell")}`));
  watched = join(root, "watched");
  commitAndClone(upstream, watched);
  // The user's own hook: the agent's git runs with hooks off, so even this one stays quiet.
  const hook = join(watched, ".git", "hooks", "reference-transaction");
  writeFileSync(hook, `#!/bin/sh\ntouch ${marker("hook")}\n`);
  chmodSync(hook, 0o755);
  // Upstream moves on, so a fetch at the top of the watched repository has refs to update.
  writeFileSync(join(upstream, "news.txt"), "news\n");
  git(upstream, "add", "news.txt");
  git(upstream, "commit", "-q", "-m", "news");

  const key = await stack.createKey("agent");
  agent = spawnAgent(["--hub", stack.wsUrl, "--agent-id", AGENT_ID, "--repo", watched, "--state-dir", join(root, "state"), "--allow", "git status"], key);
  await agent.waitForOutput(/connected to/);
  await eventually(async () => (await getAgent(stack, AGENT_ID))?.connected, 15_000, "agent connected");
});

afterAll(async () => {
  await agent?.stop("SIGKILL");
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function finished(id: string) {
  return eventually(
    async () => {
      const t = await getTask(stack, id);
      return FINISHED.includes(t.task.status) ? t.task : null;
    },
    20_000,
    `task ${id} finished`,
  );
}

describe("the git executor never runs what a repository's files configure", () => {
  it.each([
    { what: "core.fsmonitor on fetch", folder: "monitor.git", action: "fetch", made: "fsmonitor" },
    { what: "core.fsmonitor on status", folder: "monitor.git", action: "status", made: "fsmonitor" },
    { what: "core.sshCommand on fetch", folder: "ssh.git", action: "fetch", made: "ssh" },
  ])("refuses a nested bare repository folder ($what), naming the folder", async ({ folder, action, made }) => {
    const nested = join(watched, "vendor", folder);
    const task = await finished(await createTask(stack, { executor: "git", payload: { action, repo: nested } }));
    expect(task.status).toBe("failed");
    expect(task.error).toContain(nested);
    expect(task.error).toMatch(/not the top folder of a watched repository/);
    expect(existsSync(marker(made))).toBe(false);
  });

  it("still fetches at the top of the watched repository, with its hooks off", async () => {
    const task = await finished(await createTask(stack, { executor: "git", payload: { action: "fetch", repo: watched } }));
    expect(task.status).toBe("completed");
    expect(git(watched, "rev-parse", "origin/main")).toBe(git(join(root, "upstream"), "rev-parse", "main"));
    expect(existsSync(marker("hook"))).toBe(false);
    expect(existsSync(marker("fsmonitor"))).toBe(false);
  });

  it("a shell task's own git refuses a nested bare repository folder as its repository", async () => {
    const nested = join(watched, "vendor", "shell.git");
    const task = await finished(await createTask(stack, { executor: "shell", payload: { command: "git status", cwd: nested } }));
    expect(task.status).toBe("failed");
    expect(task.logs).toMatch(/cannot use bare repository/);
    expect(existsSync(marker("shell"))).toBe(false);
  });
});
