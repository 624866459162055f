import { realpath } from "node:fs/promises";
import { isAbsolute, relative } from "node:path";
import type { Provenance, TaskFrame } from "../../lib/protocol";
import { remoteIdentity } from "../../lib/protocol";
import { resolveWorkdir } from "../exec/workdir";
import { provenanceSince, repoPoint } from "./provenance";
import { checkRepoGate } from "./repo-gate";
import { remoteUrlOf } from "./safety-read";

/** Before a task runs: refused (its repository gate failed), or how to run it and how to record what it did. */
export type TaskGitPrep = { refused: string } | { payload: unknown; finish: () => Promise<Provenance | undefined> };

/** The watched repository a folder is in (its top folder, as configured), or null. */
async function watchedRootOf(folder: string, watched: readonly string[]): Promise<string | null> {
  for (const root of watched) {
    const real = await realpath(root).catch(() => null);
    if (!real) continue;
    const rel = relative(real, folder);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) return root;
  }
  return null;
}

/** The folder the task names (payload.repo or payload.cwd), as the executors would resolve it; null when none fits. */
async function taskFolder(payload: unknown, watched: readonly string[]): Promise<string | null> {
  const p = payload && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const requested = typeof p.repo === "string" ? p.repo : typeof p.cwd === "string" ? p.cwd : undefined;
  return resolveWorkdir(requested, watched).catch(() => null);
}

/**
 * Checks a git-gated task's repository (see repo-gate.ts) and snapshots the repository the task runs in, so its result
 * carries provenance. A gated task that names no folder runs in the repository its gate matched.
 */
export async function prepareTaskGit(task: TaskFrame, watched: readonly string[]): Promise<TaskGitPrep | null> {
  let payload = task.payload;
  let root: string | null;
  let identity: string | undefined;
  if (task.requiresRepo) {
    const gate = await checkRepoGate(task.requiresRepo, watched);
    if (!gate.ok) return { refused: gate.reason };
    root = gate.root;
    identity = gate.identity;
    const p = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
    if (p && p.cwd === undefined && p.repo === undefined) payload = { ...p, cwd: root };
    else if (payload === undefined || payload === null) payload = { cwd: root };
  } else {
    const folder = await taskFolder(payload, watched);
    root = folder ? await watchedRootOf(folder, watched) : null;
    if (!root) return null;
    const url = await remoteUrlOf(root);
    identity = url ? (remoteIdentity(url, root) ?? undefined) : undefined;
  }
  const repoRoot = root;
  const before = await repoPoint(repoRoot);
  return { payload, finish: () => provenanceSince(repoRoot, before, identity) };
}
