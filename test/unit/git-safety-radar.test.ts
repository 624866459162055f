import { describe, expect, it } from "vitest";
import { parseShortstat } from "../../agent/git/provenance";
import { overlappingPairs } from "../../lib/git-safety/conflicts";
import type { RepoRow } from "../../lib/db/serialize";
import { formatAge } from "../../lib/git-safety/age";

function row(agentId: string, identity: string | null, modified: string[], unpushed: string[] = []): RepoRow {
  return {
    key: `${agentId}:/src/app`,
    agentId,
    id: "app-1",
    path: "/src/app",
    name: "app",
    branch: "main",
    status: "dirty",
    uncommittedCount: modified.length,
    aheadCount: 0,
    behindCount: 0,
    modifiedFiles: modified,
    error: null,
    lastChecked: 0,
    createdAt: 0,
    remoteIdentity: identity,
    headCommit: null,
    unpushedCount: unpushed.length,
    oldestUnpushedAt: null,
    unpushedFiles: unpushed,
    stashCount: 0,
    untrackedCount: 0,
    lastFetchAt: null,
    worktrees: [],
    dirtySince: null,
  };
}

describe("conflict radar: overlapping changes of one repository on two machines", () => {
  it("pairs machines of one identity whose uncommitted or unpushed files overlap, with the shared files", () => {
    const found = overlappingPairs([
      row("a", "github.com/me/app", ["README.md", "src/x.ts"]),
      row("b", "github.com/me/app", ["docs.md"], ["src/x.ts", "README.md"]),
      row("c", "github.com/me/app", ["other.ts"]),
      row("d", "github.com/me/lib", ["README.md"]),
      row("e", null, ["README.md"]),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ identity: "github.com/me/app", files: ["README.md", "src/x.ts"], a: { agentId: "a" }, b: { agentId: "b" } });
  });

  it("never pairs two checkouts of the same machine", () => {
    expect(overlappingPairs([row("a", "github.com/me/app", ["x"]), { ...row("a", "github.com/me/app", ["x"]), key: "a:/other", path: "/other" }])).toEqual([]);
  });
});

describe("provenance and alert text helpers", () => {
  it("reads git diff --shortstat, with parts missing", () => {
    expect(parseShortstat(" 3 files changed, 10 insertions(+), 2 deletions(-)\n")).toEqual({ files: 3, insertions: 10, deletions: 2 });
    expect(parseShortstat(" 1 file changed, 1 insertion(+)\n")).toEqual({ files: 1, insertions: 1, deletions: 0 });
    expect(parseShortstat("")).toEqual({ files: 0, insertions: 0, deletions: 0 });
  });
  it("writes ages as a person reads them", () => {
    expect(formatAge(45_000)).toBe("45 s");
    expect(formatAge(30 * 60_000)).toBe("30 min");
    expect(formatAge(5 * 3600_000)).toBe("5 h");
    expect(formatAge(3 * 86_400_000)).toBe("3 d");
  });
});
