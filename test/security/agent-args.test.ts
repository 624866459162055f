import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { FINISHED, createTask, getAgent, getTask } from "../agent/support/api";
import { spawnAgent, type AgentChild } from "../agent/support/agent-child";
import { git } from "../agent/support/git-fixture";

// Whoever creates tasks must not be able to turn an allowed command into another one through an option.
const AGENT_ID = "args-security-agent";
let stack: Stack;
let agent: AgentChild;
let root: string;
let work: string;

beforeAll(async () => {
  stack = await startStack();
  const key = await stack.createKey("agent");
  root = mkdtempSync(join(tmpdir(), "agent-args-security-"));
  work = join(root, "work");
  git(root, "init", "-q", "-b", "main", work);
  writeFileSync(join(work, "Makefile"), "build:\n\t@echo built\n");
  git(work, "add", "Makefile");
  git(work, "commit", "-q", "-m", "first commit");
  const config = join(root, "agent.json");
  const executors = {
    "last-commit": { argv: ["git", "log", "-1", "--format=%s", "{ref}"] },
    "recent-commits": { argv: ["git", "log", "{count:allow-dash}", "--format=%s"] },
  };
  writeFileSync(config, JSON.stringify({ executors }));
  agent = spawnAgent(
    ["--hub", stack.wsUrl, "--agent-id", AGENT_ID, "--repo", work, "--state-dir", join(root, "state"), "--config", config, "--allow", "make **"],
    key,
  );
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

describe("placeholder values and allowlist wildcards never become options", () => {
  it("refuses a template value that starts with a dash, so git log cannot write a file", async () => {
    const target = join(root, "written-by-git-log");
    const task = await finished(await createTask(stack, { executor: "last-commit", payload: { ref: `--output=${target}` } }));
    expect(task.status).toBe("failed");
    expect(task.error).toBe('refused: payload.ref may not start with "-": the program would read it as an option (a template allows it with {ref:allow-dash})');
    expect(existsSync(target)).toBe(false);
  });

  it("runs the template with an ordinary value, and a dash where the template allows one", async () => {
    const plain = await finished(await createTask(stack, { executor: "last-commit", payload: { ref: "HEAD" } }));
    expect(plain).toMatchObject({ status: "completed", logs: "first commit\n" });
    const dashed = await finished(await createTask(stack, { executor: "recent-commits", payload: { count: "-1" } }));
    expect(dashed).toMatchObject({ status: "completed", logs: "first commit\n" });
  });

  it('"make **" allows targets but not an option such as --eval, which would run anything', async () => {
    const target = join(root, "written-by-make");
    const command = `make '--eval=$(shell touch ${target})' build`;
    const task = await finished(await createTask(stack, { executor: "shell", payload: { command } }));
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/^refused: command not in this agent's allowlist: make '--eval=/);
    expect(existsSync(target)).toBe(false);
    const build = await finished(await createTask(stack, { executor: "shell", payload: { command: "make build" } }));
    expect(build).toMatchObject({ status: "completed", logs: "built\n" });
  });
});
