import { describe, expect, it } from "vitest";
import { remoteIdentity, requiresRepoSchema, gitStatusFrame } from "../../lib/protocol";
import { parseWorktreeList } from "../../agent/git/worktrees";

describe("remote URL → repository identity", () => {
  it.each([
    ["https://github.com/Owner/Repo.git", "github.com/owner/repo"],
    ["https://user:token@github.com/owner/repo", "github.com/owner/repo"],
    ["http://github.com:8080/owner/repo/", "github.com/owner/repo"],
    ["ssh://git@github.com/owner/repo.git", "github.com/owner/repo"],
    ["ssh://git@github.com:22/owner/repo.git", "github.com/owner/repo"],
    ["git+ssh://git@github.com/owner/repo.git", "github.com/owner/repo"],
    ["git@github.com:owner/repo.git", "github.com/owner/repo"],
    ["github.com:owner/repo", "github.com/owner/repo"],
    ["git://gitlab.example.org/group/sub/repo.git", "gitlab.example.org/group/sub/repo"],
    ["github.com/owner/repo", "github.com/owner/repo"],
    ["file:///srv/git/app.git", "file:/srv/git/app"],
    ["/srv/git/app.git", "file:/srv/git/app"],
    ["/srv/git/app/.git", "file:/srv/git/app"],
    ["file:/srv/git/app", "file:/srv/git/app"],
  ])("%s → %s", (url, identity) => {
    expect(remoteIdentity(url)).toBe(identity);
  });

  it("resolves a relative local remote against the repository, and refuses what is no URL", () => {
    expect(remoteIdentity("../remote.git", "/home/me/code/app")).toBe("file:/home/me/code/remote");
    expect(remoteIdentity("../remote.git")).toBeNull();
    expect(remoteIdentity("")).toBeNull();
    expect(remoteIdentity("not a url")).toBeNull();
    expect(remoteIdentity("justaname")).toBeNull();
  });
});

describe("git-safety frame fields", () => {
  it("keeps a spec-only git-status valid and bounds the new fields", () => {
    expect(gitStatusFrame.safeParse({ type: "git-status", repos: [{ id: "a", path: "/a", name: "a" }] }).success).toBe(true);
    const repo = { id: "a", path: "/a", name: "a", unpushedCount: 2, oldestUnpushedAt: 1, headCommit: "abc1234", worktrees: [{ path: "/w" }] };
    expect(gitStatusFrame.safeParse({ type: "git-status", repos: [repo] }).success).toBe(true);
    expect(gitStatusFrame.safeParse({ type: "git-status", repos: [{ ...repo, headCommit: "not hex" }] }).success).toBe(false);
    expect(gitStatusFrame.safeParse({ type: "git-status", repos: [{ ...repo, unpushedCount: -1 }] }).success).toBe(false);
  });

  it("requiresRepo needs a repo and refuses unknown keys", () => {
    expect(requiresRepoSchema.safeParse({ repo: "github.com/a/b", clean: true, branch: "main", upToDate: true }).success).toBe(true);
    expect(requiresRepoSchema.safeParse({ clean: true }).success).toBe(false);
    expect(requiresRepoSchema.safeParse({ repo: "x", cleen: true }).success).toBe(false);
  });
});

describe("git worktree list --porcelain", () => {
  it("lists linked worktrees with branch and head, leaving out the main one and bare entries", () => {
    const out = [
      "worktree /src/app\nHEAD 1111111111111111111111111111111111111111\nbranch refs/heads/main\n",
      "worktree /src/app-feature\nHEAD 2222222222222222222222222222222222222222\nbranch refs/heads/feature/login\n",
      "worktree /src/app-detached\nHEAD 3333333333333333333333333333333333333333\ndetached\nprunable gitdir file points to non-existent location\n",
    ].join("\n");
    expect(parseWorktreeList(out)).toEqual([
      { path: "/src/app-feature", head: "2222222222222222222222222222222222222222", branch: "feature/login" },
      { path: "/src/app-detached", head: "3333333333333333333333333333333333333333" },
    ]);
  });
});
