import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnAgent, type AgentChild } from "../test/agent/support/agent-child";
import { git } from "../test/agent/support/git-fixture";
import { hookInput, runHook } from "../test/agent/support/hook-call";
import { eventually } from "../test/helpers/raw-agent";
import { getAgent } from "../test/helpers/api";
import { expect, test, uid } from "./fixtures";

test.describe("coding sessions and approvals", () => {
  let root: string;
  let repo: string;
  let agent: AgentChild;
  const state = () => join(root, "state");

  test.beforeAll(async ({ stack, agentKey }) => {
    root = mkdtempSync(join(tmpdir(), "e2e-approvals-"));
    repo = join(root, "repo");
    git(root, "init", "-q", "-b", "main", repo);
    writeFileSync(join(repo, "README.md"), "hi\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "first");
    const config = join(root, "agent.json");
    writeFileSync(config, JSON.stringify({ hooks: { ask: ["git push *"], approvalTimeout: "20s" } }));
    const agentId = uid("hooks-agent");
    agent = spawnAgent(["--hub", stack.wsUrl, "--agent-id", agentId, "--repo", repo, "--state-dir", state(), "--config", config], agentKey);
    await agent.waitForOutput(/connected to/);
    await eventually(async () => (await getAgent(stack, agentId))?.connected, 15_000, "agent connected");
  });

  test.afterAll(async () => {
    await agent?.stop("SIGKILL");
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test("a hand-started session shows as needing you; an approval granted on the dashboard lets the hook proceed; a timeout denies", async ({
    page,
    signIn,
    operatorKey,
  }) => {
    test.setTimeout(90_000);
    await signIn.session(operatorKey);
    const sessionId = uid("session");
    const notified = await runHook("Notification", hookInput("Notification", sessionId, repo, { message: "Claude is waiting for your input" }), state());
    expect(notified.code).toBe(0);
    await page.goto("/sessions");
    const session = page.getByTestId("sessions-waiting").locator(`[data-session-id="${sessionId}"]`);
    await expect(session).toBeVisible();
    await expect(session).toContainText("Claude is waiting for your input");
    await expect(session.getByTestId("session-wait")).toContainText("waiting");

    const command = `git push origin ${uid("branch")}`;
    const approved = runHook("PreToolUse", hookInput("PreToolUse", sessionId, repo, { tool_name: "Bash", tool_input: { command } }), state());
    await page.goto("/approvals");
    const card = page.getByTestId("approval").filter({ hasText: command });
    await expect(card).toBeVisible();
    await card.getByTestId("approval-reason").fill("ship it");
    await card.getByTestId("approval-allow").click();
    const run = await approved;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: "allow", permissionDecisionReason: "approved by Olivia Operator: ship it" },
    });
    await expect(card).toHaveCount(0);

    const ignored = `git push --force origin ${uid("branch")}`;
    const timedOut = runHook("PreToolUse", hookInput("PreToolUse", sessionId, repo, { tool_name: "Bash", tool_input: { command: ignored } }), state());
    await expect(page.getByTestId("approval").filter({ hasText: ignored })).toBeVisible();
    const denied = await timedOut;
    expect(JSON.parse(denied.stdout).hookSpecificOutput).toMatchObject({
      permissionDecision: "deny",
      permissionDecisionReason: "no operator decided within 20 s",
    });
    await expect(page.getByTestId("approval").filter({ hasText: ignored })).toHaveCount(0);
  });
});
