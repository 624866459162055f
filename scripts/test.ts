/**
 * `npm test`: type check and lint, one web build for every layer, then unit and integration tests (vitest) and the
 * browser tests (Playwright); one summary line. The quick benchmark and the screenshots have scripts of their own.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureTestBuild } from "../test/helpers/test-build";
import { NO_CHROMIUM_HELP, findChromium } from "./chromium";
import { ROOT } from "./stack";

type Counts = { passed: number; failed: number };
type Outcome = Counts & { name: string; code: number; seconds: number };

const bin = (tool: string) => join(ROOT, "node_modules", ".bin", tool);

/**
 * Runs one layer and keeps a copy of its output to count its results. Its output streams as it comes, or, for a
 * step that runs beside another (`quiet`), is printed whole when it ends so the two never interleave.
 */
function run(name: string, command: string, args: string[], count: (out: string, code: number) => Counts, quiet = false): Promise<Outcome> {
  if (!quiet) console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
    if (!quiet) sink.write(chunk);
    out += chunk.toString();
  };
  child.stdout.on("data", keep(process.stdout));
  child.stderr.on("data", keep(process.stderr));
  return new Promise((resolve) => {
    child.once("close", (status) => {
      const code = status ?? 1;
      if (quiet) console.log(`\n=== ${name} ===\n${out.trimEnd()}`);
      resolve({ name, code, seconds: (Date.now() - started) / 1000, ...count(out, code) });
    });
  });
}

// CI terminals may colour the output despite FORCE_COLOR=0; counts are read from the plain text.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const plain = (out: string) => out.replace(ANSI_COLOUR, "");

function vitestCounts(out: string): Counts {
  const line = plain(out).match(/^\s*Tests\s+(.*)$/m)?.[1] ?? "";
  return { passed: Number(line.match(/(\d+) passed/)?.[1] ?? 0), failed: Number(line.match(/(\d+) failed/)?.[1] ?? 0) };
}

function playwrightCounts(out: string): Counts {
  const text = plain(out);
  return { passed: Number(text.match(/(\d+) passed/)?.[1] ?? 0), failed: Number(text.match(/(\d+) failed/)?.[1] ?? 0) };
}

/** Static checks count as one test each: a type error or lint error fails the suite like a failing test. */
const staticCheck = (_out: string, code: number): Counts => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });

// Said first, so a newcomer does not wait for the build to learn it; the browser step then fails with the same help.
const browser = findChromium();
if (!browser) console.error(`\n${NO_CHROMIUM_HELP}\n`);

// tsc, type-aware ESLint and the web build each keep one core busy; side by side on two cores they take about the
// time of the slowest. One build serves vitest and Playwright; their global setups find it current and skip. CI
// always builds afresh.
// The build streams its output; the two checks print theirs whole when they end, so nothing interleaves.
console.log("\n=== web build (.next-test) ===");
const buildStarted = Date.now();
const building = ensureTestBuild({ force: Boolean(process.env.CI) }).then(
  (how) => ({ name: `web build (${how})`, code: 0, passed: 0, failed: 0 }),
  (error: unknown) => (console.error(error), { name: "web build", code: 1, passed: 0, failed: 1 }),
);
const outcomes: Outcome[] = await Promise.all([
  run("typecheck", bin("tsc"), ["--noEmit", "-p", "."], staticCheck, true),
  run("lint", bin("eslint"), ["."], staticCheck, true),
]);
const build = await building;
outcomes.push({ ...build, seconds: (Date.now() - buildStarted) / 1000 });

/** The browser tests, or why they cannot run. */
function browserTests(quiet: boolean): Promise<Outcome> {
  // Without a browser Playwright fails deep inside its launcher; say instead how to get one.
  if (browser) return run("playwright (e2e)", bin("playwright"), ["test", "--project", "e2e"], playwrightCounts, quiet);
  console.error(`\n=== playwright (e2e) ===\n${NO_CHROMIUM_HELP}`);
  return Promise.resolve({ name: "playwright (e2e): no Chromium (npx playwright install chromium)", code: 1, passed: 0, failed: 1, seconds: 0 });
}

if (build.code === 0) {
  const vitest = () => run("vitest (unit + integration)", bin("vitest"), ["run", "--project", "unit", "--project", "integration"], vitestCounts);
  if (process.env.TEST_PARALLEL) {
    // Side by side they take little more than the longer one, but on two cores the load (8–13) made timing-bound
    // tests fail; opt-in until they are robust to it. Playwright's report is printed whole when it ends.
    outcomes.push(...(await Promise.all([vitest(), browserTests(true)])));
  } else {
    outcomes.push(await vitest());
    outcomes.push(await browserTests(false));
  }
}

const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
const broken = outcomes.filter((o) => o.code !== 0);
console.log("");
for (const o of outcomes) console.log(`${o.name}: ${o.passed} passed, ${o.failed} failed (exit ${o.code}, ${o.seconds.toFixed(0)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
