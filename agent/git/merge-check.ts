import { execFile } from "node:child_process";
import { asProcessEnv } from "../exec/run-process";
import { gitEnv, runGitAt } from "./git-state";
import { gitArgvAt } from "./safe-git";

export type MergeVerdict = { verdict: "clean" | "conflicting"; conflicts: string[]; ours: string; theirs: string } | { verdict: "unknown"; reason: string };

const COMMITISH = /^[0-9a-fA-F]{4,64}$|^[A-Za-z0-9][A-Za-z0-9._/@{}^~-]{0,255}$/;

/** The commit a name or sha means here, or null when this repository does not have it. */
async function commitOf(root: string, rev: string): Promise<string | null> {
  if (!COMMITISH.test(rev)) return null;
  const out = await runGitAt(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]).catch(() => "");
  return out.trim() || null;
}

/**
 * Would `ours` and `theirs` merge cleanly? `git merge-tree --write-tree` merges in memory (no work tree, no index,
 * nothing checked out): exit 0 is clean, 1 lists the conflicting files. Both commits must be reachable here.
 */
export async function mergeCheck(root: string, ours: string, theirs: string): Promise<MergeVerdict> {
  const [a, b] = await Promise.all([commitOf(root, ours), commitOf(root, theirs)]);
  if (!a || !b) return { verdict: "unknown", reason: `commit ${!a ? ours : theirs} is not reachable in ${root}` };
  return new Promise((resolve) => {
    execFile(
      "git",
      gitArgvAt(root, ["merge-tree", "--write-tree", "--name-only", "--no-messages", a, b]),
      { cwd: root, env: asProcessEnv(gitEnv()), timeout: 60_000, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code !== 0 && code !== 1) return resolve({ verdict: "unknown", reason: (stderr || String(error)).trim().slice(0, 300) });
        const conflicts = stdout.split("\n").slice(1).filter(Boolean).slice(0, 1000);
        resolve({ verdict: code === 0 ? "clean" : "conflicting", conflicts, ours: a, theirs: b });
      },
    );
  });
}
