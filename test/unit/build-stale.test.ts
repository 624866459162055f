import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, buildIsStale } from "../../scripts/stack";

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
});
