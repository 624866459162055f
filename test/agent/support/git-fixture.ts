import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function commitFile(repo: string, file: string, content: string, message: string): void {
  writeFileSync(join(repo, file), content);
  git(repo, "add", file);
  git(repo, "commit", "-q", "-m", message);
}

export type RepoFixture = {
  remote: string;
  clean: string;
  dirty: string;
  ahead: string;
  behind: string;
  diverged: string;
  detached: string;
  notRepo: string;
  missing: string;
};

/** Real repositories around one bare remote, each left in the state its name says. */
export function createRepoFixture(root: string): RepoFixture {
  const remote = join(root, "remote.git");
  git(root, "init", "-q", "--bare", "-b", "main", remote);
  const seed = join(root, "seed");
  git(root, "init", "-q", "-b", "main", seed);
  commitFile(seed, "README.md", "hello\n", "first");
  git(seed, "remote", "add", "origin", remote);
  git(seed, "push", "-q", "-u", "origin", "main");

  const clone = (name: string) => {
    const path = join(root, name);
    git(root, "clone", "-q", remote, path);
    return path;
  };
  const [clean, dirty, ahead, behind, diverged, detached] = ["clean", "dirty", "ahead", "behind", "diverged", "detached"].map(clone) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];

  writeFileSync(join(dirty, "README.md"), "changed\n");
  writeFileSync(join(dirty, "new file.txt"), "untracked\n");
  commitFile(ahead, "ahead.txt", "a\n", "local work");
  commitFile(ahead, "ahead2.txt", "a\n", "more local work");
  commitFile(diverged, "mine.txt", "m\n", "local only");
  git(detached, "checkout", "-q", "--detach", "HEAD");

  // The remote moves on; behind and diverged learn about it with a fetch.
  commitFile(seed, "upstream.txt", "u\n", "upstream work");
  git(seed, "push", "-q", "origin", "main");
  git(behind, "fetch", "-q");
  git(diverged, "fetch", "-q");

  const notRepo = join(root, "not-a-repo");
  mkdirSync(notRepo);
  return { remote, clean, dirty, ahead, behind, diverged, detached, notRepo, missing: join(root, "vanished") };
}
