/**
 * `npm run bench:quick`: the quick bench keeps working. Every section runs against the real hub and web and yields
 * figures and baselines (printed as it goes). Not part of `npm test`: it takes minutes and builds into its own folder.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBench, SECTIONS, type BenchResults } from "../../bench/run-bench";

const dir = mkdtempSync(join(tmpdir(), "cockpit-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run bench -- --quick", () => {
  it("writes a results file with every section, each figure beside a positive baseline and a ratio", async () => {
    const out = join(dir, "results.json");
    await runBench({ quick: true, out, log: (line) => console.log(line) });
    const results = JSON.parse(readFileSync(out, "utf8")) as BenchResults;
    expect(results.mode).toBe("quick");
    expect(results.sections).toEqual([...SECTIONS]);
    for (const section of SECTIONS) {
      const rows = results.rows.filter((r) => r.section === section);
      expect(rows.length, `rows for ${section}`).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.value, `${section} / ${r.metric}`).toBeGreaterThan(0);
        expect(r.baseline, `${section} / ${r.metric} baseline`).toBeGreaterThan(0);
        expect(r.ratio, `${section} / ${r.metric} ratio`).toBeGreaterThan(0);
        expect(r.baselineLabel.length).toBeGreaterThan(0);
      }
    }
  });
});
