import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, buildIsStale, stampSources } from "../../scripts/stack";

const base = `.tmp-build-stale-${process.pid}`;
afterAll(() => rmSync(join(ROOT, base), { recursive: true, force: true }));

describe("buildIsStale", () => {
  it("calls a build stale when a source file is added, changed or deleted after it", () => {
    const src = join(ROOT, base, "src");
    const dist = join(ROOT, base, "dist");
    mkdirSync(join(src, "deep"), { recursive: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(src, "deep", "a.ts"), "a");
    writeFileSync(join(src, "b.ts"), "b");
    const past = new Date(Date.now() - 60_000);
    for (const p of [join(src, "deep", "a.ts"), join(src, "b.ts"), join(src, "deep"), src]) utimesSync(p, past, past);
    // Times set explicitly: file times move in coarse ticks, so two writes in a row may carry the same time.
    const at = (p: string, offsetMs: number) => utimesSync(p, new Date(Date.now() + offsetMs), new Date(Date.now() + offsetMs));
    writeFileSync(join(dist, "BUILD_ID"), "x");
    at(join(dist, "BUILD_ID"), -30_000);
    const stale = () => buildIsStale(`${base}/dist`, [`${base}/src`]);
    expect(stale()).toBe(false);

    rmSync(join(src, "deep", "a.ts"));
    expect(stale()).toBe(true);
    at(join(dist, "BUILD_ID"), 60_000);
    expect(stale()).toBe(false);
    writeFileSync(join(src, "b.ts"), "changed");
    at(join(src, "b.ts"), 120_000);
    expect(stale()).toBe(true);
    expect(buildIsStale(`${base}/no-build`, [`${base}/src`])).toBe(true);
  });

  it("calls a build stale when a top-level source file that existed at the build is gone, or one appears", () => {
    const dist = join(ROOT, base, "dist2");
    mkdirSync(dist, { recursive: true });
    const file = `${base}/proxy-like.ts`;
    writeFileSync(join(ROOT, file), "x");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(ROOT, file), past, past);
    writeFileSync(join(dist, "BUILD_ID"), "x");
    stampSources(`${base}/dist2`, [file]);
    const stale = () => buildIsStale(`${base}/dist2`, [file]);
    expect(stale()).toBe(false);
    // Deleting a file moves no time of anything the check reads but the stamp's list.
    rmSync(join(ROOT, file));
    expect(stale()).toBe(true);
    stampSources(`${base}/dist2`, [file]);
    expect(stale()).toBe(false);
    // Back with an old time (a restore that keeps times): not in the stamp, so stale all the same.
    writeFileSync(join(ROOT, file), "x");
    utimesSync(join(ROOT, file), past, past);
    expect(stale()).toBe(true);
  });
});
