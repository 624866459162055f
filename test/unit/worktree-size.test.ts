/** A worktree's size is cached, but not past a change git made to it (a walk during `git worktree add` saw 0 bytes). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { folderSize } from "@/agent/git/worktrees";

const dir = mkdtempSync(join(tmpdir(), "cockpit-wt-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("folderSize", () => {
  it("keeps a size for ten minutes while the index time stays, and walks again when it moves", async () => {
    const now = 1_000_000;
    expect(await folderSize(dir, now, -1)).toBe(0);
    writeFileSync(join(dir, "a.txt"), "12345");
    expect(await folderSize(dir, now + 1, -1)).toBe(0);
    expect(await folderSize(dir, now + 2, 42)).toBe(5);
    writeFileSync(join(dir, "b.txt"), "123");
    expect(await folderSize(dir, now + 3, 42)).toBe(5);
    expect(await folderSize(dir, now + 10 * 60_000 + 2, 42)).toBe(8);
  });
});
