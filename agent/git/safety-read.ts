import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { GitRepo, Worktree } from "../../lib/protocol";
import { LIMITS, remoteIdentity } from "../../lib/protocol";
import { runGitArgv, runGitAt } from "./git-state";
import { GIT_HARDENING } from "./safe-git";
import type { ParsedStatus } from "./status-parse";
import { boundWorktree, folderSize, parseWorktreeList, worktreeCreatedAt, worktreeGitDir } from "./worktrees";

type SafetyFields = Pick<
  GitRepo,
  "remoteIdentity" | "headCommit" | "unpushedCount" | "oldestUnpushedAt" | "unpushedFiles" | "stashCount" | "untrackedCount" | "lastFetchAt" | "worktrees"
>;

/** Whatever git fails to say is left out rather than failing the whole reading. */
const quietly = <T>(p: Promise<T>, fallback: T): Promise<T> => p.catch(() => fallback);

/** The URL of `origin`, else of the first remote; null without remotes. */
export async function remoteUrlOf(root: string): Promise<string | null> {
  const out = await quietly(runGitAt(root, ["config", "--get-regexp", "^remote\\..*\\.url$"]), "");
  const lines = out.split("\n").filter(Boolean);
  const origin = lines.find((l) => l.startsWith("remote.origin.url "));
  const line = origin ?? lines[0];
  return line ? line.slice(line.indexOf(" ") + 1) : null;
}

/** Commits on local branches (`revs`) that no remote-tracking branch holds: how many, and the oldest's commit time. */
async function unpushed(run: (args: string[]) => Promise<string>, revs: string[]): Promise<{ count: number; oldestAt?: number }> {
  const times = (await quietly(run(["log", "--format=%ct", ...revs, "--not", "--remotes"]), ""))
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter(Number.isFinite);
  return times.length === 0 ? { count: 0 } : { count: times.length, oldestAt: Math.min(...times) * 1000 };
}

/** The files the unpushed commits of HEAD change, for the conflict radar. */
async function unpushedFilesOf(root: string): Promise<string[]> {
  const out = await quietly(runGitAt(root, ["log", "--format=", "--name-only", "-z", "HEAD", "--not", "--remotes"]), "");
  return [...new Set(out.split(/[\0\n]/).filter(Boolean))].slice(0, LIMITS.modifiedFiles).map((p) => p.slice(0, LIMITS.path));
}

/** When git last wrote this worktree's index (-1 before it has one): its files changed through git since then. */
const indexTime = (gitDir: string) =>
  stat(join(gitDir, "index")).then(
    (s) => s.mtimeMs,
    () => -1,
  );

async function readWorktrees(root: string): Promise<Worktree[]> {
  const entries = parseWorktreeList(await quietly(runGitAt(root, ["worktree", "list", "--porcelain"]), ""));
  return Promise.all(
    entries.slice(0, 50).map(async (e): Promise<Worktree> => {
      const base: Worktree = { path: e.path, ...(e.branch ? { branch: e.branch } : {}), ...(e.head ? { head: e.head } : {}) };
      const gitDir = await worktreeGitDir(e.path, root);
      if (!gitDir) return boundWorktree({ ...base, error: "worktree folder missing or not linked to this repository" });
      const run = (args: string[]) => runGitArgv(e.path, [`--git-dir=${gitDir}`, `--work-tree=${e.path}`, ...GIT_HARDENING, ...args]);
      const [sizeBytes, createdAt, ahead, status] = await Promise.all([
        indexTime(gitDir).then((version) => folderSize(e.path, Date.now(), version)),
        worktreeCreatedAt(e.path),
        unpushed(run, ["HEAD"]),
        quietly(run(["status", "--porcelain", "-z"]), ""),
      ]);
      return boundWorktree({ ...base, sizeBytes, ...(createdAt ? { createdAt } : {}), unpushedCount: ahead.count, dirty: status.length > 0 });
    }),
  );
}

/** The git-safety fields of one repository: unpushed work, stashes, untracked files, last fetch, identity, worktrees. */
export async function readGitSafety(root: string, parsed: ParsedStatus): Promise<SafetyFields> {
  const [url, ahead, stashes, fetchHead, worktrees] = await Promise.all([
    remoteUrlOf(root),
    unpushed((args) => runGitAt(root, args), ["--branches"]),
    quietly(runGitAt(root, ["rev-list", "--walk-reflogs", "--count", "refs/stash"]), "0"),
    quietly(stat(join(root, ".git", "FETCH_HEAD")), null),
    readWorktrees(root),
  ]);
  const identity = url ? remoteIdentity(url, root) : null;
  const files = ahead.count > 0 ? await unpushedFilesOf(root) : [];
  return {
    ...(identity ? { remoteIdentity: identity } : {}),
    ...(parsed.oid ? { headCommit: parsed.oid } : {}),
    unpushedCount: ahead.count,
    ...(ahead.oldestAt ? { oldestUnpushedAt: ahead.oldestAt } : {}),
    ...(files.length ? { unpushedFiles: files } : {}),
    stashCount: Number(stashes.trim()) || 0,
    untrackedCount: parsed.untracked,
    ...(fetchHead ? { lastFetchAt: Math.round(fetchHead.mtimeMs) } : {}),
    ...(worktrees.length ? { worktrees } : {}),
  };
}
