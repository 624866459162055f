import { join } from "node:path";

/**
 * Command-line config that keeps git from running what a repository's own files set up: no implicit bare
 * repository (a committed folder with HEAD, objects/, refs/ and a config of its own), no fsmonitor command, no hooks.
 */
export const GIT_HARDENING: readonly string[] = ["-c", "safe.bareRepository=explicit", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null"];

/** git's argv for a command at the top of a work tree: its git dir given explicitly, so git never searches for one. */
export function gitArgvAt(root: string, args: readonly string[]): string[] {
  return [`--git-dir=${join(root, ".git")}`, `--work-tree=${root}`, ...GIT_HARDENING, ...args];
}

/**
 * For git run by a task itself (a shell command, a template executor): refuse an implicitly found bare repository.
 * Set through the environment, which git treats like `-c` (command scope, so a repository's config cannot undo it).
 */
export const TASK_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_COUNT: "1",
  GIT_CONFIG_KEY_0: "safe.bareRepository",
  GIT_CONFIG_VALUE_0: "explicit",
};
