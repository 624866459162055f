import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRepoState, repoIdFor } from "../../agent/git/git-state";
import { scanForRepos } from "../../agent/git/repo-scan";
import { git } from "../agent/support/git-fixture";
import { fsmonitorConfig, writeBareRepoFolder } from "../agent/support/hostile-repo";

const root = mkdtempSync(join(tmpdir(), "agent-gitstate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("readRepoState", () => {
  it("reads a fresh repo with no commits and caps modified files while keeping the true count", async () => {
    const repo = join(root, "fresh");
    git(root, "init", "-q", "-b", "trunk", repo);
    for (let i = 0; i < 12; i++) writeFileSync(join(repo, `f${i}.txt`), "x");
    const reading = await readRepoState(repo, 5);
    if (!reading.ok) throw new Error(reading.error);
    expect(reading.repo).toMatchObject({ branch: "trunk", status: "dirty", uncommittedCount: 12, aheadCount: 0, behindCount: 0 });
    expect(reading.repo.modifiedFiles).toHaveLength(5);
    expect(reading.repo.id).toBe(repoIdFor(repo));
    expect(reading.repo.id).toMatch(/^fresh-[0-9a-f]{8}$/);
  });

  it("returns an error value for a missing folder, a plain folder and a file", async () => {
    const plain = join(root, "plain");
    mkdirSync(plain);
    writeFileSync(join(root, "file"), "x");
    expect(await readRepoState(join(root, "nope"))).toMatchObject({ ok: false, error: "folder does not exist" });
    expect(await readRepoState(plain)).toMatchObject({ ok: false, error: expect.stringMatching(/not a git/) });
    expect(await readRepoState(join(root, "file"))).toMatchObject({ ok: false, error: "not a directory" });
  });

  it("reads only the top of a work tree: a subfolder is refused, a bare-looking folder's config never runs", async () => {
    const repo = join(root, "top");
    git(root, "init", "-q", "-b", "main", repo);
    mkdirSync(join(repo, "sub"));
    expect(await readRepoState(join(repo, "sub"))).toMatchObject({ ok: false, error: expect.stringMatching(/^not a git repository \(no \.git here/) });
    const marker = join(root, "read-marker");
    const hostile = join(repo, "vendor.git");
    writeBareRepoFolder(hostile, fsmonitorConfig(`touch ${marker}`));
    expect(await readRepoState(hostile)).toMatchObject({ ok: false, error: expect.stringMatching(/^not a git repository/) });
    expect(existsSync(marker)).toBe(false);
  });
});

describe("scanForRepos", () => {
  it("finds repos down to the depth, without descending into repos or node_modules", async () => {
    const base = join(root, "code");
    for (const dir of ["a", "group/b", "group/deep/er/c", "node_modules/pkg", "a/nested"]) {
      mkdirSync(join(base, dir), { recursive: true });
      git(join(base, dir), "init", "-q");
    }
    expect(await scanForRepos(base, 2)).toEqual([join(base, "a"), join(base, "group/b")]);
    expect(await scanForRepos(base, 4)).toEqual([join(base, "a"), join(base, "group/b"), join(base, "group/deep/er/c")]);
  });
});
