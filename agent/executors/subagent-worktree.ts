import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runGitAt } from "../git/git-state";

/** A task's own checkout: a git worktree of a watched repository on the branch `cockpit/<task id>`. */
export type TaskWorktree = { repoRoot: string; path: string; branch: string; base: string };

export type WorkSummary = { commits: { sha: string; subject: string }[]; filesChanged: string[]; uncommitted: string[] };

export type CleanupOutcome = { removed: boolean; kept: boolean; reason: string };

/** A task id as a branch name part: git refuses ":", "@{", "..", a leading "." and a trailing ".lock" or ".". */
export function branchFor(taskId: string): string {
  const safe = taskId
    .replace(/[:@]/g, "-")
    .replace(/\.{2,}/g, "-")
    .replace(/^\.+/, "")
    .replace(/(\.lock|\.)+$/i, "");
  return `cockpit/${safe || "task"}`;
}

/**
 * Creates (or, for a retry of the same task, reuses) the task's worktree under the agent's state folder, branching
 * from the repository's current HEAD. The user's own checkout is never touched.
 */
export async function createTaskWorktree({ repoRoot, taskId, stateDir }: { repoRoot: string; taskId: string; stateDir: string }): Promise<TaskWorktree> {
  const branch = branchFor(taskId);
  const path = join(stateDir, "worktrees", branch.slice("cockpit/".length));
  let base: string;
  try {
    base = (await runGitAt(repoRoot, ["rev-parse", "--verify", "HEAD^{commit}"])).trim();
  } catch {
    throw new Error(`the repository ${repoRoot} has no commit to branch a worktree from`);
  }
  if (existsSync(join(path, ".git"))) {
    // A retry: the earlier attempt's work stays and the run continues on it.
    const mergeBase = (await runGitAt(repoRoot, ["merge-base", base, branch]).catch(() => base)).trim();
    return { repoRoot, path, branch, base: mergeBase };
  }
  mkdirSync(join(stateDir, "worktrees"), { recursive: true, mode: 0o700 });
  const branchExists = await runGitAt(repoRoot, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`]).then(
    () => true,
    () => false,
  );
  await runGitAt(repoRoot, branchExists ? ["worktree", "add", path, branch] : ["worktree", "add", "-b", branch, path, base]);
  return { repoRoot, path, branch, base };
}

/** Commits on the task's branch since its base, every file they or the uncommitted changes touch. */
export async function summarizeWork(wt: TaskWorktree): Promise<WorkSummary> {
  const log = await runGitAt(wt.path, ["log", "--format=%H%x09%s", `${wt.base}..HEAD`]);
  const commits = log
    .split("\n")
    .filter(Boolean)
    .slice(0, 200)
    .map((line) => {
      const [sha = "", ...subject] = line.split("\t");
      return { sha, subject: subject.join("\t").slice(0, 300) };
    });
  const committed = (await runGitAt(wt.path, ["diff", "--name-only", wt.base, "HEAD"])).split("\n").filter(Boolean);
  const uncommitted = (await runGitAt(wt.path, ["status", "--porcelain=v1", "--untracked-files=all"]))
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(3));
  const filesChanged = [...new Set([...committed, ...uncommitted])].slice(0, 500);
  return { commits, filesChanged, uncommitted: uncommitted.slice(0, 500) };
}

/** Whether every commit of the branch is also on another branch or a remote-tracking branch (pushed or merged). */
async function isSafeElsewhere(wt: TaskWorktree): Promise<boolean> {
  const head = (await runGitAt(wt.path, ["rev-parse", "HEAD"])).trim();
  const holders = (await runGitAt(wt.repoRoot, ["for-each-ref", "--contains", head, "--format=%(refname)", "refs/heads", "refs/remotes"]))
    .split("\n")
    .filter((ref) => ref && ref !== `refs/heads/${wt.branch}`);
  return holders.length > 0;
}

/**
 * Removes the worktree and its branch only when nothing would be lost: no uncommitted change, and no commit that is
 * not also pushed or merged elsewhere. Otherwise both are kept, and the reason says why.
 */
export async function cleanupTaskWorktree(wt: TaskWorktree): Promise<CleanupOutcome> {
  const work = await summarizeWork(wt);
  if (work.uncommitted.length > 0) return { removed: false, kept: true, reason: `${work.uncommitted.length} uncommitted change(s) in the worktree` };
  if (work.commits.length > 0 && !(await isSafeElsewhere(wt))) {
    return { removed: false, kept: true, reason: `${work.commits.length} commit(s) on ${wt.branch} are neither pushed nor merged` };
  }
  await runGitAt(wt.repoRoot, ["worktree", "remove", wt.path]);
  await runGitAt(wt.repoRoot, ["branch", "-D", wt.branch]);
  return { removed: true, kept: false, reason: work.commits.length > 0 ? "its commits are pushed or merged" : "the run left no changes" };
}
