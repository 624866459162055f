import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISHED, createTask, getAgent, viewTask, waitForTask, type AlertJson } from "../helpers/api";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { git } from "./support/git-fixture";

const AGENT_ID = "subagent-agent";
const FIXTURES = join(import.meta.dirname, "fixtures");
let stack: Stack;
let agent: AgentChild;
let root: string;
let repo: string;

beforeAll(async () => {
  stack = await startStack();
  root = mkdtempSync(join(tmpdir(), "agent-subagent-"));
  repo = join(root, "repo");
  git(root, "init", "-q", "-b", "main", repo);
  writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "fixture", private: true, scripts: { test: "echo spec-example-ran" } }));
  writeFileSync(join(repo, "README.md"), "fixture\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "first");
  const config = join(root, "agent.json");
  writeFileSync(
    config,
    JSON.stringify({
      allow: ["npm test"],
      subagent: { claude: { command: join(FIXTURES, "fake-claude.mjs") }, codex: { command: join(FIXTURES, "fake-codex.mjs") } },
    }),
  );
  const key = await stack.createKey("agent");
  agent = spawnAgent(["--hub", stack.wsUrl, "--agent-id", AGENT_ID, "--repo", repo, "--state-dir", join(root, "state"), "--config", config], key);
  await agent.waitForOutput(/connected to/);
  await eventually(async () => (await getAgent(stack, AGENT_ID))?.connected, 15_000, "agent connected");
});

afterAll(async () => {
  await agent?.stop("SIGKILL");
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

const taskForAgent = (body: Record<string, unknown>) => createTask(stack, { targetAgentId: AGENT_ID, executor: "subagent", ...body });
const finished = (id: string) => waitForTask(stack, id, (t) => FINISHED.includes(t.task.status), 30_000, `task ${id} finished`);

describe("the subagent executor on a real agent", () => {
  it("announces the coding CLIs it found and the accounts they bill", async () => {
    const me = await getAgent(stack, AGENT_ID);
    expect(me?.capabilities).toEqual(expect.arrayContaining(["subagent", "claude", "codex", "account:claude", "account:codex"]));
  });

  it("runs the spec's example task, a plain command under the shell allowlist", async () => {
    const { task } = await finished(await taskForAgent({ payload: { command: "npm test" } }));
    expect(task.status).toBe("completed");
    expect(task.logs).toContain("spec-example-ran");
    expect(task.result).toMatchObject({ exitCode: 0, command: ["npm", "test"], allowedBy: "npm test" });
    const refused = (await finished(await taskForAgent({ payload: { command: "npm run build" } }))).task;
    expect(refused.error).toBe("refused: command not in this agent's allowlist: npm run build");
  });

  it("runs Claude Code on a prompt in its own worktree: readable logs, branch, commit, files, tokens and cost", async () => {
    const id = await taskForAgent({ payload: { prompt: "add a hello file", cli: "claude" } });
    const { task } = await finished(id);
    expect(task.status).toBe("completed");
    const result = task.result as Record<string, unknown>;
    expect(result).toMatchObject({
      cli: "claude",
      account: "claude",
      branch: `cockpit/${id}`,
      summary: "Added hello.txt and committed it.",
      filesChanged: ["hello.txt"],
      costUsd: 0.0123,
      turns: 3,
      tokens: { input: 1200, output: 450, cachedInput: 4000, cacheCreation: 300 },
      worktreeKept: true,
      worktreeNote: `1 commit(s) on cockpit/${id} are neither pushed nor merged`,
    });
    expect(result.commits).toEqual([{ sha: expect.stringMatching(/^[0-9a-f]{40}$/), subject: "Add hello.txt" }]);
    expect(task.logs).toContain("assistant: I'll add hello.txt and commit it.");
    expect(task.logs).toMatch(/tool: Write .*hello\.txt/);
    expect(task.logs).toMatch(/file: .*hello\.txt/);
    expect(task.logs).toContain("result: success — Added hello.txt and committed it.");
    // The user's checkout is untouched; the work is on the task's branch.
    expect(existsSync(join(repo, "hello.txt"))).toBe(false);
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
    expect(git(repo, "log", "--format=%s", `cockpit/${id}`).split("\n")[0]).toBe("Add hello.txt");
  });

  it("runs Codex on a prompt and keeps a worktree with uncommitted changes", async () => {
    const id = await taskForAgent({ payload: { prompt: "write notes", cli: "codex" } });
    const { task } = await finished(id);
    expect(task.status).toBe("completed");
    expect(task.result).toMatchObject({
      cli: "codex",
      summary: "Created notes.md.",
      filesChanged: ["notes.md"],
      commits: [],
      tokens: { input: 2400, output: 300, cachedInput: 1200, cacheCreation: 0 },
      worktreeKept: true,
      worktreeNote: "1 uncommitted change(s) in the worktree",
    });
    expect(task.logs).toContain("$ bash -lc ls (exit 0)");
    expect(task.logs).toMatch(/file: add .*notes\.md/);
  });

  it("fails a crashed run with the reason and the CLI's stderr", async () => {
    const { task } = await finished(await taskForAgent({ payload: { prompt: "crash please", cli: "claude" } }));
    expect(task.status).toBe("failed");
    expect(task.error).toBe("claude exited with code 3 before reporting a result");
    expect(task.logs).toContain("Error: fake-claude crashed (simulated)");
    expect(task.logs).toContain("assistant: Starting on it.");
  });

  it("puts a usage-limited task back in the queue, holds its account until the reset and says so in an info alert", async () => {
    const limited = await taskForAgent({ payload: { prompt: "usage-limit", cli: "claude" }, requires: ["account:claude"] });
    const { task, events } = await waitForTask(stack, limited, (v) => v.events.some((e) => e.type === "usage-limited"), 30_000, "usage-limited");
    expect(task.status).toBe("pending");
    expect(task.error).toMatch(/^usage limit of account claude: waits until /);
    const resetAt = (task.result as { usageLimit: { resetAt: string; reported: boolean } }).usageLimit;
    expect(resetAt.reported).toBe(true);
    expect(Date.parse(resetAt.resetAt) - Date.now()).toBeGreaterThan(3600_000);
    expect(events.map((e) => e.type)).not.toContain("failed");
    // Another task on the same account waits; one that needs no account runs: the barrier that dispatch happened.
    const held = await taskForAgent({ payload: { prompt: "add a hello file", cli: "claude" }, requires: ["account:claude"] });
    const free = await taskForAgent({ payload: { command: "npm test" } });
    expect((await finished(free)).task.status).toBe("completed");
    expect((await viewTask(stack, held)).task.status).toBe("pending");
    const alerts = ((await (await stack.api("/api/cockpit/alerts?severity=info&limit=50")).json()) as { alerts: AlertJson[] }).alerts;
    expect(alerts.map((a) => a.title)).toContain("Account claude reached its usage limit");
    for (const id of [limited, held]) expect((await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" })).status).toBe(200);
  });
});
