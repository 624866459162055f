import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git } from "./git-fixture";

/**
 * Writes, as ordinary files a repository can commit, a folder git takes for a repository of its own: HEAD,
 * objects/ and refs/ (kept by placeholder files, since git does not commit empty folders) and a config with the
 * given lines under [core] and anything after. Run git inside it and git reads that config.
 */
export function writeBareRepoFolder(dir: string, config: string): void {
  mkdirSync(join(dir, "objects"), { recursive: true });
  mkdirSync(join(dir, "refs"), { recursive: true });
  writeFileSync(join(dir, "HEAD"), "ref: refs/heads/main\n");
  writeFileSync(join(dir, "objects", ".keep"), "");
  writeFileSync(join(dir, "refs", ".keep"), "");
  writeFileSync(join(dir, "config"), `[core]\n\trepositoryformatversion = 0\n${config}`);
}

/** A config whose work tree is the folder above, so `git status` or `git fetch` inside runs core.fsmonitor. */
export function fsmonitorConfig(command: string): string {
  return `\tbare = false\n\tworktree = ..\n\tfsmonitor = ${command}\n`;
}

/** A config with an ssh remote whose core.sshCommand is the given command, run by `git fetch`. */
export function sshCommandConfig(command: string): string {
  return `\tbare = true\n\tsshCommand = ${command}\n[remote "origin"]\n\turl = ssh://git.example.invalid/x.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`;
}

/** Commits everything in `repo` (the hostile folders included) and clones it to `clone`: what a victim gets. */
export function commitAndClone(repo: string, clone: string): void {
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "vendored things");
  git(repo, "clone", "-q", repo, clone);
}
