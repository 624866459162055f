/** `npm test`: unit and integration tests (vitest), then the browser tests (Playwright); one summary line. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./stack";

type Outcome = { name: string; passed: number; failed: number; code: number };

function run(name: string, command: string, args: string[], parse: (out: string) => { passed: number; failed: number }): Outcome {
  console.log(`\n=== ${name} ===`);
  const res = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  process.stdout.write(res.stdout ?? "");
  process.stderr.write(res.stderr ?? "");
  const counts = parse(`${res.stdout}\n${res.stderr}`);
  return { name, ...counts, code: res.status ?? 1 };
}

const bin = (tool: string) => join(ROOT, "node_modules", ".bin", tool);

function vitestCounts(out: string) {
  const line = out.match(/Tests\s+(.*)/)?.[1] ?? "";
  return { passed: Number(line.match(/(\d+) passed/)?.[1] ?? 0), failed: Number(line.match(/(\d+) failed/)?.[1] ?? 0) };
}

function playwrightCounts(out: string) {
  return { passed: Number(out.match(/(\d+) passed/)?.[1] ?? 0), failed: Number(out.match(/(\d+) failed/)?.[1] ?? 0) };
}

/** Static checks count as one test each: a type error or lint error fails the suite like a failing test. */
const staticCheck = (name: string, tool: string, args: string[]) => run(name, bin(tool), args, () => ({ passed: 0, failed: 0 }));
const checks = [staticCheck("typecheck", "tsc", ["--noEmit", "-p", "."]), staticCheck("lint", "eslint", ["."])].map((o) => ({ ...o, passed: o.code === 0 ? 1 : 0, failed: o.code === 0 ? 0 : 1 }));
const outcomes: Outcome[] = [...checks, run("vitest (unit + integration)", bin("vitest"), ["run"], vitestCounts)];
const hasE2e = existsSync(join(ROOT, "e2e")) && readdirSync(join(ROOT, "e2e")).some((f) => f.endsWith(".spec.ts"));
if (hasE2e) outcomes.push(run("playwright (e2e)", bin("playwright"), ["test"], playwrightCounts));

const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
const broken = outcomes.filter((o) => o.code !== 0);
console.log("");
for (const o of outcomes) console.log(`${o.name}: ${o.passed} passed, ${o.failed} failed (exit ${o.code})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
