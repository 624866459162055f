import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISHED, createTask, getAgent, viewTask, waitForTask, type AlertJson } from "../helpers/api";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { hookInput, runHook } from "./support/hook-call";
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
      hooks: { ask: ["git push *"], approvalTimeout: "6s" },
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

type SessionJson = {
  agentId: string;
  sessionId: string;
  state: string;
  lastEvent: string;
  branch: string | null;
  cwd: string | null;
  message: string | null;
  waitingSince: string | null;
};
type ApprovalJson = { id: string; command: string; pattern: string; status: string; decidedBy: string | null };

const sessionOf = async (sessionId: string) =>
  ((await (await stack.api("/api/cockpit/sessions")).json()) as { sessions: SessionJson[] }).sessions.find((s) => s.sessionId === sessionId);
const pendingApproval = (command: string) =>
  eventually(
    async () => ((await (await stack.api("/api/cockpit/approvals")).json()) as { approvals: ApprovalJson[] }).approvals.find((a) => a.command === command),
    15_000,
    `approval for ${command}`,
  );
const decide = (id: string, decision: "allow" | "deny", key: string, reason?: string) =>
  stack.api(`/api/cockpit/approvals/${id}/decision`, { method: "POST", key, body: JSON.stringify({ decision, ...(reason ? { reason } : {}) }) });

describe("Claude Code hooks through the local agent", () => {
  const state = () => join(root, "state");

  it("reports a hand-started session: started, working, then waiting for the user with the notification", async () => {
    const sessionId = "0b9f3c1e-7a42-4d1b-9f0e-6c2d8a5b4e21";
    for (const [event, extra] of [
      ["SessionStart", { source: "startup" }],
      ["UserPromptSubmit", { prompt: "fix the flaky test" }],
      ["Notification", { message: "Claude needs your permission to use Bash" }],
    ] as const) {
      const run = await runHook(event, hookInput(event, sessionId, repo, extra), state());
      expect(run).toMatchObject({ code: 0, stdout: "" });
    }
    const session = await eventually(
      async () => {
        const s = await sessionOf(sessionId);
        return s?.lastEvent === "Notification" ? s : null;
      },
      15_000,
      "session waiting",
    );
    expect(session).toMatchObject({ agentId: AGENT_ID, state: "waiting", branch: "main", cwd: repo, message: "Claude needs your permission to use Bash" });
    expect(session.waitingSince).not.toBeNull();
  });

  it("takes the last assistant message from the transcript on Stop", async () => {
    const sessionId = "stop-session-1";
    const transcript = join(root, "transcript.jsonl");
    writeFileSync(
      transcript,
      [
        { type: "user", message: { role: "user", content: "hi" } },
        { type: "assistant", message: { role: "assistant", content: [{ type: "text", text: "All tests pass now." }] } },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n") + "\n",
    );
    expect((await runHook("Stop", { ...hookInput("Stop", sessionId, repo), transcript_path: transcript, stop_hook_active: false }, state())).code).toBe(0);
    await eventually(async () => (await sessionOf(sessionId))?.message === "All tests pass now.", 15_000, "stop message stored");
  });

  it("holds a matching command until an operator approves it; one decision only, audited", async () => {
    const operator = await stack.createKey("operator", "ops-alice");
    const command = "git push origin main";
    const hook = runHook("PreToolUse", hookInput("PreToolUse", "approve-session", repo, { tool_name: "Bash", tool_input: { command } }), state());
    const approval = await pendingApproval(command);
    expect(approval).toMatchObject({ pattern: "git push *", status: "pending" });
    expect((await sessionOf("approve-session"))?.state).toBe("waiting");
    const [first, second] = await Promise.all([decide(approval.id, "allow", operator, "release day"), decide(approval.id, "deny", operator)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const run = await hook;
    const winner = first.status === 200 ? "allow" : "deny";
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      hookSpecificOutput: {
        hookEventName: "PreToolUse",
        permissionDecision: winner,
        permissionDecisionReason: winner === "allow" ? "approved by ops-alice: release day" : "denied by ops-alice",
      },
    });
    const viewer = await stack.createKey("viewer");
    expect((await decide(approval.id, "allow", viewer)).status).toBe(403);
  });

  it("denies when nobody decides before the timeout, and a late decision is refused", async () => {
    const command = "git push --force origin main";
    const hook = runHook("PreToolUse", hookInput("PreToolUse", "timeout-session", repo, { tool_name: "Bash", tool_input: { command } }), state());
    const approval = await pendingApproval(command);
    const run = await hook;
    expect(JSON.parse(run.stdout).hookSpecificOutput).toEqual({
      hookEventName: "PreToolUse",
      permissionDecision: "deny",
      permissionDecisionReason: "no operator decided within 6 s",
    });
    const late = await decide(approval.id, "allow", stack.adminKey);
    expect(late.status).toBe(409);
    expect(await late.text()).toMatch(/expired/);
  });

  it("lets a command that matches no ask pattern through without a decision", async () => {
    const run = await runHook(
      "PreToolUse",
      hookInput("PreToolUse", "plain-session", repo, { tool_name: "Bash", tool_input: { command: "git status" } }),
      state(),
    );
    expect(run).toMatchObject({ code: 0, stdout: "" });
  });

  it("never blocks the session when no agent runs, or when the agent's hub is down", async () => {
    const none = await runHook("Notification", hookInput("Notification", "nobody", repo, { message: "hello?" }), join(root, "no-agent-here"));
    expect(none).toMatchObject({ code: 0, stdout: "" });
    // An agent whose hub is unreachable: reports return at once, and an ask-pattern command falls back to Claude's own prompt.
    const lonelyState = join(root, "lonely-state");
    const config = join(root, "lonely.json");
    writeFileSync(config, JSON.stringify({ hooks: { ask: ["git push *"] } }));
    const lonely = spawnAgent(
      ["--hub", "ws://127.0.0.1:9", "--agent-id", "lonely", "--repo", repo, "--state-dir", lonelyState, "--config", config],
      "unused-key",
    );
    try {
      await lonely.waitForOutput(/watching 1 repositories/);
      expect(await runHook("Notification", hookInput("Notification", "lonely-s", repo, { message: "hi" }), lonelyState)).toMatchObject({ code: 0, stdout: "" });
      const push = await runHook(
        "PreToolUse",
        hookInput("PreToolUse", "lonely-s", repo, { tool_name: "Bash", tool_input: { command: "git push" } }),
        lonelyState,
      );
      expect(JSON.parse(push.stdout).hookSpecificOutput).toMatchObject({ permissionDecision: "ask" });
    } finally {
      await lonely.stop("SIGKILL");
    }
  });
});
