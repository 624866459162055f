import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { GitRepo } from "../../lib/protocol";
import { LIMITS } from "../../lib/protocol";
import { asProcessEnv } from "../exec/run-process";
import { exists } from "./repo-scan";
import { gitArgvAt } from "./safe-git";
import { readGitSafety } from "./safety-read";
import { branchLabel, parsePorcelainV2, repoStatusOf } from "./status-parse";

export type RepoReading = { ok: true; path: string; repo: GitRepo } | { ok: false; path: string; id: string; name: string; error: string };

/** git never prompts, never takes the index lock for a read (so it cannot disturb the user's own git), speaks C. */
export function gitEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "",
    LC_ALL: "C",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_TERMINAL_PROMPT: "0",
  };
}

/** Runs git at the top of the work tree `root` (git dir given, hardened; no shell); rejects with git's own message. */
export function runGitAt(root: string, args: string[], timeoutMs = 30_000): Promise<string> {
  return runGitArgv(root, gitArgvAt(root, args), timeoutMs);
}

/** Runs git with a complete argv (git dir and hardening already in it); `extraEnv` e.g. SSH_AUTH_SOCK for a fetch. */
export function runGitArgv(cwd: string, argv: string[], timeoutMs = 30_000, extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      argv,
      { cwd, env: asProcessEnv({ ...gitEnv(), ...extraEnv }), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new Error((stderr || error.message).trim().split("\n").slice(-3).join(" ")));
        else resolve(stdout);
      },
    );
  });
}

/** A stable id per path, valid for the protocol's id charset: "<name>-<8 hex of the path hash>". */
export function repoIdFor(path: string): string {
  const name =
    basename(path)
      .replace(/[^A-Za-z0-9._:@-]+/g, "-")
      .slice(0, 100) || "repo";
  return `${name}-${createHash("sha256").update(path).digest("hex").slice(0, 8)}`;
}

/** Reads one repository's state with real git. A missing folder or a non-repo is an error value, never a throw. */
export async function readRepoState(path: string, maxFiles: number = LIMITS.modifiedFiles): Promise<RepoReading> {
  const id = repoIdFor(path);
  const name = basename(path) || path;
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return { ok: false, path, id, name, error: "not a directory" };
  } catch (error) {
    return { ok: false, path, id, name, error: (error as NodeJS.ErrnoException).code === "ENOENT" ? "folder does not exist" : String(error) };
  }
  try {
    // Only the top of a work tree is read: a folder without .git is never searched upwards nor taken for a git dir.
    if (!(await exists(join(path, ".git"))))
      return { ok: false, path, id, name, error: "not a git repository (no .git here; watch the repository's top folder)" };
    const inside = (await runGitAt(path, ["rev-parse", "--is-inside-work-tree"])).trim();
    if (inside !== "true") return { ok: false, path, id, name, error: "not a git working tree" };
    const parsed = parsePorcelainV2(await runGitAt(path, ["status", "--porcelain=v2", "--branch", "-z"]));
    const repo: GitRepo = {
      id,
      path: path.slice(0, LIMITS.path),
      name: name.slice(0, LIMITS.name),
      branch: branchLabel(parsed).slice(0, LIMITS.name),
      status: repoStatusOf(parsed),
      uncommittedCount: parsed.changedPaths.length,
      aheadCount: parsed.ahead,
      behindCount: parsed.behind,
      modifiedFiles: parsed.changedPaths.slice(0, Math.min(maxFiles, LIMITS.modifiedFiles)).map((p) => p.slice(0, LIMITS.path)),
      ...(await readGitSafety(path, parsed)),
    };
    return { ok: true, path, repo };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, path, id, name, error: /not a git repository/i.test(message) ? "not a git repository" : message.slice(0, 500) };
  }
}
