import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchFor, cleanupTaskWorktree, createTaskWorktree, summarizeWork } from "../../agent/executors/subagent-worktree";
import { git } from "./support/git-fixture";

let root: string;
let repo: string;
let remote: string;
const state = () => join(root, "state");

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "subagent-wt-"));
  remote = join(root, "remote.git");
  repo = join(root, "repo");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  git(root, "init", "-q", "-b", "main", repo);
  writeFileSync(join(repo, "README.md"), "hello\n");
  git(repo, "add", "README.md");
  git(repo, "commit", "-q", "-m", "first");
  git(repo, "remote", "add", "origin", remote);
  git(repo, "push", "-q", "-u", "origin", "main");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const commitIn = (dir: string, file: string) => {
  writeFileSync(join(dir, file), `${file}\n`);
  git(dir, "add", file);
  git(dir, "commit", "-q", "-m", `add ${file}`);
};
const branches = () => git(repo, "branch", "--format=%(refname:short)").split("\n").filter(Boolean);

describe("task worktrees on real git", () => {
  it("names branches cockpit/<task id>, made safe for git", () => {
    expect(branchFor("task-1")).toBe("cockpit/task-1");
    expect(branchFor("a:b@c..d.lock")).toBe("cockpit/a-b-c-d");
  });

  it("gives each task its own checkout on its own branch, leaving the user's checkout alone", async () => {
    const a = await createTaskWorktree({ repoRoot: repo, taskId: "wt-a", stateDir: state() });
    const b = await createTaskWorktree({ repoRoot: repo, taskId: "wt-b", stateDir: state() });
    expect(a.path).not.toBe(b.path);
    expect(git(a.path, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("cockpit/wt-a");
    commitIn(a.path, "a.txt");
    expect(existsSync(join(b.path, "a.txt"))).toBe(false);
    expect(existsSync(join(repo, "a.txt"))).toBe(false);
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("main");
    const work = await summarizeWork(a);
    expect(work.commits.map((c) => c.subject)).toEqual(["add a.txt"]);
    expect(work.filesChanged).toEqual(["a.txt"]);
    expect((await cleanupTaskWorktree(b)).removed).toBe(true); // b did nothing: removed, branch deleted
    expect(existsSync(b.path)).toBe(false);
    expect(branches()).not.toContain("cockpit/wt-b");
  });

  it("never deletes unpushed commits: the worktree and branch are kept and the reason says why", async () => {
    const wt = await createTaskWorktree({ repoRoot: repo, taskId: "wt-unpushed", stateDir: state() });
    commitIn(wt.path, "work.txt");
    const outcome = await cleanupTaskWorktree(wt);
    expect(outcome).toEqual({ removed: false, kept: true, reason: "1 commit(s) on cockpit/wt-unpushed are neither pushed nor merged" });
    expect(existsSync(join(wt.path, "work.txt"))).toBe(true);
    expect(branches()).toContain("cockpit/wt-unpushed");
  });

  it("never deletes uncommitted changes", async () => {
    const wt = await createTaskWorktree({ repoRoot: repo, taskId: "wt-dirty", stateDir: state() });
    writeFileSync(join(wt.path, "draft.txt"), "draft\n");
    expect(await cleanupTaskWorktree(wt)).toMatchObject({ removed: false, kept: true, reason: "1 uncommitted change(s) in the worktree" });
    expect(existsSync(join(wt.path, "draft.txt"))).toBe(true);
  });

  it("removes a worktree once its commits are pushed", async () => {
    const wt = await createTaskWorktree({ repoRoot: repo, taskId: "wt-pushed", stateDir: state() });
    commitIn(wt.path, "pushed.txt");
    git(wt.path, "push", "-q", "origin", "cockpit/wt-pushed");
    git(repo, "fetch", "-q", "origin");
    expect(await cleanupTaskWorktree(wt)).toMatchObject({ removed: true, reason: "its commits are pushed or merged" });
    expect(existsSync(wt.path)).toBe(false);
    expect(git(remote, "branch", "--format=%(refname:short)")).toContain("cockpit/wt-pushed");
  });

  it("reuses the task's worktree and work when the task is retried", async () => {
    const first = await createTaskWorktree({ repoRoot: repo, taskId: "wt-retry", stateDir: state() });
    commitIn(first.path, "retry.txt");
    const again = await createTaskWorktree({ repoRoot: repo, taskId: "wt-retry", stateDir: state() });
    expect(again.path).toBe(first.path);
    expect((await summarizeWork(again)).commits).toHaveLength(1);
  });
});
