import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { repoIdFor } from "../git/git-state";

export class WorkdirError extends Error {}

/**
 * Where a task may run: a watched repository or a folder inside one, named by repo id, path, or a path relative
 * to the only watched repo. Symlinks are resolved first, so a link cannot lead outside.
 */
export async function resolveWorkdir(requested: string | undefined, watched: readonly string[]): Promise<string> {
  if (watched.length === 0) throw new WorkdirError("this agent watches no repositories, so it has nowhere to run tasks (start it with --repo)");
  if (requested === undefined) {
    if (watched.length === 1) return realpathOrThrow(watched[0]!);
    throw new WorkdirError(`payload.cwd is required when several repositories are watched (one of: ${listIds(watched)})`);
  }
  const byId = watched.find((p) => repoIdFor(p) === requested);
  const candidate = byId ?? (isAbsolute(requested) ? requested : watched.length === 1 ? resolve(watched[0]!, requested) : null);
  if (!candidate) throw new WorkdirError(`"${requested}" is not a watched repository id or an absolute path inside one`);
  const real = await realpathOrThrow(candidate);
  for (const root of watched) {
    let rootReal: string;
    try {
      rootReal = await realpath(root);
    } catch {
      continue;
    }
    const rel = relative(rootReal, real);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) return real;
  }
  throw new WorkdirError(`working directory ${requested} is outside the watched repositories`);
}

async function realpathOrThrow(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    throw new WorkdirError(`working directory ${path} does not exist`);
  }
}

/**
 * Where the git executor may run: exactly the top folder of a watched repository, named by repo id or path (the
 * only one when one is watched). Never a folder inside one, which could hold a committed repository of its own.
 * Returns the watched path as configured, so the repo's id and its report stay the same.
 */
export async function resolveRepoRoot(requested: string | undefined, watched: readonly string[]): Promise<string> {
  if (watched.length === 0) throw new WorkdirError("this agent watches no repositories, so it has nowhere to run git (start it with --repo)");
  if (requested === undefined) {
    if (watched.length === 1) return watched[0]!;
    throw new WorkdirError(`payload.repo is required when several repositories are watched (one of: ${listIds(watched)})`);
  }
  const byId = watched.find((p) => repoIdFor(p) === requested);
  if (byId) return byId;
  const real = isAbsolute(requested) ? await realpath(requested).catch(() => null) : null;
  for (const root of watched) {
    if (root === requested || (real !== null && real === (await realpath(root).catch(() => null)))) return root;
  }
  throw new WorkdirError(`${requested} is not the top folder of a watched repository; git runs only there (watched: ${listIds(watched)})`);
}

function listIds(watched: readonly string[]): string {
  const ids = watched.slice(0, 10).map(repoIdFor).join(", ");
  return watched.length > 10 ? `${ids}, …` : ids;
}
