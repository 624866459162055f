import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Worktree } from "../../lib/protocol";
import { LIMITS } from "../../lib/protocol";

export type WorktreeEntry = { path: string; head?: string; branch?: string };

/** Parses `git worktree list --porcelain`: one block per worktree, the main one first (it is left out). */
export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  for (const block of output.split(/\n\n+/)) {
    const entry: WorktreeEntry = { path: "" };
    for (const line of block.split("\n")) {
      if (line.startsWith("worktree ")) entry.path = line.slice("worktree ".length);
      else if (line.startsWith("HEAD ")) entry.head = line.slice("HEAD ".length);
      else if (line.startsWith("branch ")) entry.branch = line.slice("branch ".length).replace(/^refs\/heads\//, "");
      else if (line === "bare") entry.path = "";
    }
    if (entry.path) entries.push(entry);
  }
  return entries.slice(1);
}

/** Files counted per size walk: a worktree bigger than this is reported as at least what was counted. */
const MAX_ENTRIES = 200_000;
const SIZE_TTL_MS = 10 * 60_000;
const sizeCache = new Map<string, { at: number; bytes: number; version: number }>();

/**
 * Bytes on disk under `dir` (its .git link left out), cached for ten minutes: walking a big tree is not free.
 * `version` (the worktree's index time) renews the cache when git changed the tree: a walk during `git worktree add`
 * counted a half-made checkout (0 bytes) and kept it for ten minutes.
 */
export async function folderSize(dir: string, now = Date.now(), version = 0): Promise<number> {
  const cached = sizeCache.get(dir);
  if (cached && cached.version === version && now - cached.at < SIZE_TTL_MS) return cached.bytes;
  let bytes = 0;
  let seen = 0;
  const stack = [dir];
  while (stack.length > 0 && seen < MAX_ENTRIES) {
    const current = stack.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (current === dir && e.name === ".git") continue;
      seen += 1;
      const full = join(current, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile())
        bytes += await lstat(full).then(
          (s) => s.size,
          () => 0,
        );
    }
  }
  sizeCache.set(dir, { at: now, bytes, version });
  return bytes;
}

/**
 * The git dir of a linked worktree, read from its `.git` file, accepted only inside the main repository's
 * `.git/worktrees/` (a worktree's own file must not point git at some other repository).
 */
export async function worktreeGitDir(worktreePath: string, mainRoot: string): Promise<string | null> {
  try {
    const text = await readFile(join(worktreePath, ".git"), "utf8");
    const match = /^gitdir: (.+)$/m.exec(text);
    if (!match?.[1]) return null;
    const gitDir = resolve(worktreePath, match[1].trim());
    const adminRoot = join(await realpath(mainRoot), ".git", "worktrees") + "/";
    return gitDir.startsWith(adminRoot) ? gitDir : null;
  } catch {
    return null;
  }
}

/** A worktree's creation time: its `.git` link file is written by `git worktree add`. */
export async function worktreeCreatedAt(worktreePath: string): Promise<number | undefined> {
  try {
    const info = await stat(join(worktreePath, ".git"));
    return Math.round(info.birthtimeMs > 0 ? info.birthtimeMs : info.mtimeMs);
  } catch {
    return undefined;
  }
}

/** Bounds a worktree record to the protocol's limits. */
export function boundWorktree(w: Worktree): Worktree {
  return { ...w, path: w.path.slice(0, LIMITS.path), ...(w.branch ? { branch: w.branch.slice(0, LIMITS.name) } : {}) };
}
