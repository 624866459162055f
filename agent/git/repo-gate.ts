import { basename } from "node:path";
import type { RequiresRepo } from "../../lib/protocol";
import { remoteIdentity } from "../../lib/protocol";
import { readRepoState, repoIdFor, runGitAt } from "./git-state";
import { fetchRepo } from "./fetch-schedule";
import { remoteUrlOf } from "./safety-read";

/** Why a repository does not meet a task's requirement, or null when it does. Also the watched repo it means. */
export type GateVerdict = { ok: true; root: string; identity?: string } | { ok: false; reason: string };

/** The watched repository a requirement names: by remote identity (a URL is normalised), folder name or repo id. */
export async function findRequiredRepo(required: string, watched: readonly string[]): Promise<{ root: string; identity?: string } | null> {
  const wanted = remoteIdentity(required);
  for (const root of watched) {
    const url = await remoteUrlOf(root);
    const identity = url ? (remoteIdentity(url, root) ?? undefined) : undefined;
    if ((wanted && identity === wanted) || basename(root) === required || repoIdFor(root) === required) return { root, identity };
  }
  return null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Checks a git-gated task right before it runs, on the repository as it is now (the report the hub routed on may be
 * old): clean, on the branch, and up to date with its upstream after a fetch. A clean checkout that is only behind
 * is fast-forwarded when the task allows it; nothing is ever merged or stashed.
 */
export async function checkRepoGate(req: RequiresRepo, watched: readonly string[]): Promise<GateVerdict> {
  const found = await findRequiredRepo(req.repo, watched);
  if (!found) return { ok: false, reason: `no watched repository matches ${req.repo}` };
  const { root } = found;
  const read = async () => {
    const r = await readRepoState(root);
    if (!r.ok) throw new GateError(`${root}: ${r.error}`);
    return r.repo;
  };
  try {
    let repo = await read();
    const dirty = repo.uncommittedCount ?? 0;
    if (req.clean && dirty > 0) {
      const files = (repo.modifiedFiles ?? []).slice(0, 5).join(", ");
      return { ok: false, reason: `${root} is not clean: ${plural(dirty, "uncommitted change")} (${files})` };
    }
    if (req.branch && repo.branch !== req.branch) return { ok: false, reason: `${root} is on ${repo.branch ?? "no branch"}, the task needs ${req.branch}` };
    if (req.upToDate) {
      try {
        await fetchRepo(root);
      } catch (error) {
        return { ok: false, reason: `${root}: fetch failed, cannot tell whether it is up to date: ${(error as Error).message.slice(0, 300)}` };
      }
      repo = await read();
      const upstream = await runGitAt(root, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"]).catch(() => "");
      if (!upstream.trim()) return { ok: false, reason: `${root}: branch ${repo.branch ?? "(detached)"} has no upstream to be up to date with` };
      const behind = repo.behindCount ?? 0;
      if (behind > 0) {
        const why = !req.fastForward
          ? "the task does not allow a fast-forward"
          : (repo.uncommittedCount ?? 0) > 0
            ? "it has uncommitted changes, so it is not fast-forwarded"
            : (repo.aheadCount ?? 0) > 0
              ? `it has diverged (${repo.aheadCount} local commit(s)), so it cannot be fast-forwarded`
              : null;
        if (why) return { ok: false, reason: `${root} is ${plural(behind, "commit")} behind ${upstream.trim()}; ${why}` };
        await runGitAt(root, ["merge", "--ff-only", "--quiet", "@{u}"]);
        repo = await read();
        if ((repo.behindCount ?? 0) > 0) return { ok: false, reason: `${root} is still behind ${upstream.trim()} after a fast-forward` };
      }
    }
    return { ok: true, root, ...(found.identity ? { identity: found.identity } : {}) };
  } catch (error) {
    return { ok: false, reason: error instanceof GateError ? error.message : `${root}: ${(error as Error).message.slice(0, 300)}` };
  }
}

class GateError extends Error {}
