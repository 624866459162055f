import { describe, expect, it } from "vitest";
import { branchLabel, parsePorcelainV2, repoStatusOf } from "../../agent/git/status-parse";
import { chunkRepos } from "../../agent/git/repo-monitor";
import type { GitRepo } from "../../lib/protocol";

const sample = [
  "# branch.oid 1234567890abcdef1234567890abcdef12345678",
  "# branch.head feature/x",
  "# branch.upstream origin/feature/x",
  "# branch.ab +2 -1",
  "1 .M N... 100644 100644 100644 abc abc src/file with spaces.ts",
  "2 R. N... 100644 100644 100644 abc abc R100 new name.ts",
  "old name.ts",
  "u UU N... 100644 100644 100644 100644 a b c conflict.ts",
  "? untracked.txt",
  "",
].join("\0");

describe("porcelain v2 parsing", () => {
  it("reads branch, upstream, ahead/behind and every changed path (renames once, spaces kept)", () => {
    const s = parsePorcelainV2(sample);
    expect(s.branch).toBe("feature/x");
    expect(s.upstream).toBe("origin/feature/x");
    expect([s.ahead, s.behind]).toEqual([2, 1]);
    expect(s.changedPaths).toEqual(["src/file with spaces.ts", "new name.ts", "conflict.ts", "untracked.txt"]);
  });
  it("reports a detached HEAD and a repo before its first commit", () => {
    const detached = parsePorcelainV2("# branch.oid abcdef0123456789\0# branch.head (detached)\0");
    expect(detached.branch).toBeNull();
    expect(branchLabel(detached)).toBe("(detached abcdef0)");
    const fresh = parsePorcelainV2("# branch.oid (initial)\0# branch.head main\0");
    expect(fresh.oid).toBeNull();
    expect(branchLabel(fresh)).toBe("main");
  });
});

describe("status precedence: diverged > behind > ahead > dirty > clean", () => {
  it.each([
    [{ ahead: 1, behind: 1, changedPaths: ["a"] }, "diverged"],
    [{ ahead: 0, behind: 3, changedPaths: ["a"] }, "behind"],
    [{ ahead: 2, behind: 0, changedPaths: ["a"] }, "ahead"],
    [{ ahead: 0, behind: 0, changedPaths: ["a"] }, "dirty"],
    [{ ahead: 0, behind: 0, changedPaths: [] }, "clean"],
  ] as const)("%j → %s", (state, expected) => {
    expect(repoStatusOf({ ...state, changedPaths: [...state.changedPaths] })).toBe(expected);
  });
});

describe("chunkRepos", () => {
  it("keeps frames under the count and size limits", () => {
    const repos: GitRepo[] = Array.from({ length: 1200 }, (_, i) => ({ id: `r${i}`, path: `/p/${i}`, name: `r${i}`, modifiedFiles: ["x".repeat(900)] }));
    const frames = chunkRepos(repos, 200_000);
    expect(frames.flat()).toHaveLength(1200);
    for (const f of frames) {
      expect(f.length).toBeLessThanOrEqual(500);
      expect(Buffer.byteLength(JSON.stringify(f))).toBeLessThanOrEqual(200_000);
    }
  });
});
