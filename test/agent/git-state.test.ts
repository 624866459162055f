import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISHED, createTask, getAgent, listRepos, waitForTask, type RepoJson } from "../helpers/api";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { createRepoFixture, git, type RepoFixture } from "./support/git-fixture";

const AGENT_ID = "git-agent";
let stack: Stack;
let agent: AgentChild;
let root: string;
let repos: RepoFixture;
let connectedAt = 0;
const STALE_AFTER_MS = 5_000;

beforeAll(async () => {
  // Fast pings and a short stale timeout: an agent that did not answer pings would be dropped within seconds. Five
  // missed pings, not three: an agent busy with git on a loaded machine answered late and was dropped (flaky under load).
  stack = await startStack({ pingIntervalMs: 1000, staleAfterMs: STALE_AFTER_MS });
  // The key first: building the fixture blocks the event loop for seconds on a busy machine, long enough for the web
  // to close the client's idle keep-alive socket unseen, and the next request on it would fail.
  const key = await stack.createKey("agent");
  root = mkdtempSync(join(tmpdir(), "agent-git-"));
  repos = createRepoFixture(root);
  const watched = [repos.clean, repos.dirty, repos.ahead, repos.behind, repos.diverged, repos.detached, repos.notRepo, repos.missing];
  // A long poll interval: anything seen sooner came from file watching or a task.
  agent = spawnAgent(
    ["--hub", stack.wsUrl, "--agent-id", AGENT_ID, "--state-dir", join(root, "state"), "--poll-interval", "60s", ...watched.flatMap((p) => ["--repo", p])],
    key,
  );
  await agent.waitForOutput(/connected to/);
  connectedAt = Date.now();
});

afterAll(async () => {
  await agent?.stop();
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function repoAt(path: string, until: (r: RepoJson) => boolean = () => true, timeoutMs = 15_000): Promise<RepoJson> {
  return eventually(async () => (await listRepos(stack, `?agentId=${AGENT_ID}`)).find((r) => r.path === path && until(r)), timeoutMs, `repo ${path}`);
}

describe("git state from real repositories", () => {
  it("reports clean, dirty, ahead, behind and diverged with branch and counts", async () => {
    const clean = await repoAt(repos.clean);
    expect(clean).toMatchObject({ status: "clean", branch: "main", uncommittedCount: 0, aheadCount: 0, behindCount: 0, modifiedFiles: [] });
    const dirty = await repoAt(repos.dirty);
    expect(dirty).toMatchObject({ status: "dirty", uncommittedCount: 2, aheadCount: 0, behindCount: 0 });
    expect(dirty.modifiedFiles.sort()).toEqual(["README.md", "new file.txt"]);
    expect(await repoAt(repos.ahead)).toMatchObject({ status: "ahead", aheadCount: 2, behindCount: 0 });
    expect(await repoAt(repos.behind)).toMatchObject({ status: "behind", aheadCount: 0, behindCount: 1 });
    expect(await repoAt(repos.diverged)).toMatchObject({ status: "diverged", aheadCount: 1, behindCount: 1 });
    const detached = await repoAt(repos.detached);
    expect(detached.status).toBe("clean");
    expect(detached.branch).toMatch(/^\(detached [0-9a-f]{7}\)$/);
  });

  it("filters by status through GET /api/cockpit/repos", async () => {
    await repoAt(repos.diverged);
    for (const status of ["clean", "dirty", "ahead", "behind", "diverged"]) {
      const rows = await listRepos(stack, `?status=${status}&agentId=${AGENT_ID}`);
      expect(rows.every((r) => r.status === status)).toBe(true);
    }
    expect((await listRepos(stack, "?status=behind")).map((r) => r.path)).toEqual([repos.behind]);
  });

  it("reports a folder that is not a repo and a vanished one as errors, without crashing", async () => {
    expect(await repoAt(repos.notRepo, (r) => r.error !== null)).toMatchObject({
      status: null,
      error: expect.stringMatching(/not a git (repository|working tree)/),
    });
    expect(await repoAt(repos.missing, (r) => r.error !== null)).toMatchObject({ status: null, error: "folder does not exist" });
    const info = await eventually(
      async () => {
        const a = await getAgent(stack, AGENT_ID);
        const errors = (a?.metadata?.repoErrors ?? []) as { path: string; error: string }[];
        return errors.length === 2 ? errors : null;
      },
      10_000,
      "repo errors in agent metadata",
    );
    expect(info.find((e) => e.path === repos.notRepo)?.error).toMatch(/not a git (repository|working tree)/);
    expect(info.find((e) => e.path === repos.missing)?.error).toBe("folder does not exist");
    expect(agent.child.exitCode).toBeNull();
  });

  it("notices a change within seconds through file watching, long before the 60 s poll", async () => {
    await repoAt(repos.clean, (r) => r.status === "clean");
    const file = join(repos.clean, "scratch.txt");
    writeFileSync(file, "x\n");
    const dirty = await repoAt(repos.clean, (r) => r.status === "dirty", 8_000);
    expect(dirty.modifiedFiles).toEqual(["scratch.txt"]);
    unlinkSync(file);
    await repoAt(repos.clean, (r) => r.status === "clean", 8_000);
  });

  it("runs a git pull --ff-only task and reports the repo caught up", async () => {
    await repoAt(repos.behind, (r) => r.status === "behind");
    const id = await createTask(stack, { executor: "git", payload: { action: "pull", repo: repos.behind } });
    const { task } = await waitForTask(stack, id, (t) => FINISHED.includes(t.task.status), 20_000, "git task finished");
    expect(task.status).toBe("completed");
    expect(await repoAt(repos.behind, (r) => r.status === "clean", 8_000)).toMatchObject({ behindCount: 0 });
    // Put the repo back one commit behind, as the other tests expect it, and wait until the agent says so.
    git(repos.behind, "reset", "-q", "--hard", "HEAD~1");
    await repoAt(repos.behind, (r) => r.status === "behind", 8_000);
  });

  it("answers the hub's pings, so it stays connected past the stale timeout", async () => {
    // The web stores every pong's time: one stored well past a stale window after connecting proves the agent kept answering.
    await eventually(
      async () => Date.parse((await getAgent(stack, AGENT_ID))?.lastPingAt ?? "0") > connectedAt + STALE_AFTER_MS * 1.5,
      15_000,
      "a pong after the stale window",
    );
    expect(agent.output().match(/connected to/g)).toHaveLength(1);
    expect(agent.output()).not.toMatch(/reconnecting/);
  });
});
