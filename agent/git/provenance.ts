import type { Provenance } from "../../lib/protocol";
import { runGitAt } from "./git-state";

export type RepoPoint = Provenance["before"];
const MAX_COMMITS = 200;

/** HEAD, branch and dirty state of a work tree right now. */
export async function repoPoint(root: string): Promise<RepoPoint> {
  const [head, branch, status] = await Promise.all([
    runGitAt(root, ["rev-parse", "--verify", "--quiet", "HEAD"]).then(
      (s) => s.trim(),
      () => "",
    ),
    runGitAt(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]).then(
      (s) => s.trim(),
      () => "",
    ),
    runGitAt(root, ["status", "--porcelain", "-z"]).catch(() => ""),
  ]);
  return { ...(head ? { head } : {}), ...(branch ? { branch } : {}), dirty: status.length > 0 };
}

/** `git diff --shortstat` → counts ("3 files changed, 10 insertions(+), 2 deletions(-)"; parts may be missing). */
export function parseShortstat(text: string): { files: number; insertions: number; deletions: number } {
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return { files: num(/(\d+) files? changed/), insertions: num(/(\d+) insertions?\(\+\)/), deletions: num(/(\d+) deletions?\(-\)/) };
}

/** What happened between `before` and now: the commits made (oldest first) and their diffstat. */
export async function provenanceSince(root: string, before: RepoPoint, remoteIdentity: string | undefined): Promise<Provenance> {
  const after = await repoPoint(root);
  let commits: Provenance["commits"] = [];
  let truncated = false;
  let diffstat: Provenance["diffstat"];
  if (after.head && after.head !== before.head) {
    const range = before.head ? [`${before.head}..HEAD`] : ["HEAD"];
    const log = await runGitAt(root, ["log", "--reverse", "--format=%H%x00%s", ...range]).catch(() => "");
    const all = log
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [sha = "", subject = ""] = line.split("\0");
        return { sha, subject: subject.slice(0, 500) };
      });
    truncated = all.length > MAX_COMMITS;
    commits = all.slice(-MAX_COMMITS);
    if (before.head) diffstat = parseShortstat(await runGitAt(root, ["diff", "--shortstat", before.head, "HEAD"]).catch(() => ""));
  }
  return {
    repoPath: root,
    ...(remoteIdentity ? { remoteIdentity } : {}),
    before,
    after,
    commits,
    ...(truncated ? { commitsTruncated: true } : {}),
    ...(diffstat ? { diffstat } : {}),
  };
}
