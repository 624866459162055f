/**
 * `npm run soak [-- --minutes N] [--seed S] [--agents N]`: the fault-injection suite at scale, not part of npm test.
 * A real hub and web, 1,000 in-process agents, three real agents and 20 dashboard sockets for ten minutes while the
 * hub, the web and the agents are killed -9 (or SIGSTOPped) and restarted at seeded moments. Every 30 s it prints
 * memory, the hub's outbox, tasks by status and who is connected; at the end it checks the invariants of
 * test/faults/kill-restart.test.ts over every task and prints one summary line (exit 1 when one broke).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureTestBuild, TEST_DIST_DIR } from "../test/helpers/test-build";
import { startFaultStack } from "../test/faults/support/fault-stack";
import { inject } from "../test/faults/support/inject";
import { AgentPool, DashboardPool, POOL_CAPABILITY } from "../test/faults/support/pool";
import { waitForPresence } from "../test/faults/support/presence";
import { createFleet } from "../test/faults/support/real-agents";
import { describeFault, planFaults, seededRandom } from "../test/faults/support/schedule";
import { formatReading, readSoak } from "../test/faults/support/soak-report";
import { judge } from "../test/faults/support/verdict";
import { createTasks, planWave, waitAllEnded, type TaskSpec } from "../test/faults/support/workload";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, seed: { type: "string" }, agents: { type: "string", default: "1000" } },
});
const minutes = Number(values.minutes);
const poolSize = Number(values.agents);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0xffffffff);
if (!(minutes > 0) || !Number.isInteger(poolSize) || poolSize < 0 || !Number.isInteger(seed)) {
  console.error("usage: npm run soak -- [--minutes N (> 0)] [--seed S (whole number)] [--agents N (whole number)]");
  process.exit(2);
}
const random = seededRandom(seed);
const durationMs = minutes * 60_000;
/** A fault about every 45 s, each kind at least once. */
const faults = planFaults(random, { agents: 3, extra: Math.max(0, Math.floor(durationMs / 45_000) - 4), minMs: 0, maxMs: 10_000 });
/**
 * Timings for a thousand agents: shorter than the defaults so faults show within the run, long enough that the web
 * keeps up on a small machine (pings every 3 s and a presence sync every 2 s made the hub's outbox grow without end).
 */
const TIMINGS = { pingIntervalMs: 10_000, staleAfterMs: 30_000, acceptTimeoutMs: 15_000, lostAgentGraceMs: 20_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  await ensureTestBuild();
  const root = mkdtempSync(join(tmpdir(), "cockpit-soak-"));
  const stack = await startFaultStack({
    distDir: TEST_DIST_DIR,
    pingIntervalMs: TIMINGS.pingIntervalMs,
    staleAfterMs: TIMINGS.staleAfterMs,
    webEnv: {
      ACCEPT_TIMEOUT_MS: String(TIMINGS.acceptTimeoutMs),
      LOST_AGENT_GRACE_MS: String(TIMINGS.lostAgentGraceMs),
      RETRY_BACKOFF_MS: "500",
      PRESENCE_SYNC_MS: "15000",
    },
  });
  const keys = await Promise.all([1, 2, 3].map((i) => stack.createKey("agent", `soak agent ${i}`)));
  const fleet = createFleet({ root, hubWsUrl: stack.wsUrl, keys, idPrefix: "soak-agent", workSeconds: 0.8 });
  const pool = new AgentPool({
    wsUrl: stack.wsUrl,
    key: await stack.createKey("agent", "soak pool"),
    count: poolSize,
    idPrefix: "pool",
    executions: fleet.executions,
    workMs: [200, 3000],
  });
  const dashboards = new DashboardPool({ wsUrl: stack.wsUrl, key: await stack.createKey("viewer", "soak dashboards"), count: 20 });
  const expected = () => [...fleet.live(), ...pool.connectedIds()];
  const ids = fleet.agents.map((a) => a.id);
  console.log(`soak: ${minutes} min, seed ${seed} (replay with --seed ${seed}), ${poolSize} pool agents + 3 real agents + 20 dashboards`);
  console.log(`timings: ${JSON.stringify(TIMINGS)}, presence sync every 15 s`);
  console.log(`faults:\n${faults.map((f, i) => `  ${i + 1}: ${describeFault(f, ids)}`).join("\n")}`);

  let stopping = false;
  const created: string[] = [];
  const uncertain: string[] = [];
  const presenceFailures: string[] = [];
  try {
    for (const agent of fleet.agents) fleet.start(agent);
    await pool.start();
    dashboards.start();
    await waitForPresence(stack, expected, "the start", 120_000);
    const started = Date.now();

    // Work arrives all the time: 3 shell tasks for the real agents and 10 pool tasks every 2 s.
    const produce = async () => {
      for (let tick = 0; !stopping; tick++) {
        const shell: TaskSpec[] = planWave(random, `soak${seed % 1000}-s${tick}`, 3);
        const pooled: TaskSpec[] = planWave(random, `soak${seed % 1000}-p${tick}`, 10).map((s) => ({ ...s, mode: "ok" }));
        for (const [specs, extra] of [
          [shell, { requires: ["shell"] }],
          [pooled, { executor: POOL_CAPABILITY, requires: [POOL_CAPABILITY], payload: {} }],
        ] as const) {
          for (const spec of specs) {
            try {
              await createTasks(stack.api, [spec], extra);
              created.push(spec.id);
            } catch {
              uncertain.push(spec.id); // the web died mid-request: the task may or may not exist
            }
          }
        }
        await sleep(2000);
      }
    };
    const report = async () => {
      while (!stopping) {
        await sleep(30_000);
        const reading = await readSoak(stack, expected().length);
        console.log(
          formatReading(
            Date.now() - started,
            reading,
            `dashboards open ${dashboards.open()}, ${dashboards.frames} changes | pool: ${pool.unacknowledged()} results unacked, ${pool.reconnects} reconnects, ${pool.expiredRefused} expired frames`,
          ),
        );
      }
    };
    const producing = produce();
    const reporting = report();

    const slot = durationMs / (faults.length + 1);
    for (const [i, fault] of faults.entries()) {
      const due = started + slot * (i + 1) + fault.afterMs - 5000;
      await sleep(Math.max(0, due - Date.now()));
      try {
        const record = await inject(fault, { stack, fleet, expected, presenceTimeoutMs: 120_000, watchCompletions: true }, started);
        console.log(`[fault] +${(record.at / 1000).toFixed(1)} s ${record.summary}`);
      } catch (error) {
        // A presence barrier that never came: an invariant broken; the run goes on so the task invariants are checked too.
        presenceFailures.push(String(error));
        console.log(`[fault] ✗ ${String(error)}`);
      }
    }
    await sleep(Math.max(0, started + durationMs - Date.now()));
    stopping = true;
    await producing;

    const ended = await waitAllEnded(stack.api, 300_000);
    const existing: string[] = [];
    for (const id of uncertain) if ((await stack.api(`/api/cockpit/tasks/${id}`)).status === 200) existing.push(id);
    const verdict = await judge(stack.api, [...created, ...existing], fleet.executions, 20);
    await reporting;
    const final = await readSoak(stack, expected().length);
    console.log(formatReading(Date.now() - started, final, `dashboards open ${dashboards.open()}, ${dashboards.frames} changes`));
    if (verdict.violations.length > 0) console.log(verdict.report);
    for (const failure of presenceFailures) console.log(`✗ presence right after each restart — ${failure}`);
    const broken = verdict.violations.length + presenceFailures.length;
    const tasks = created.length + existing.length;
    console.log(
      `soak ${broken === 0 && ended.endedAfterMs !== null ? "PASSED" : "FAILED"}: ${minutes} min, seed ${seed}, ${faults.length} faults, ${tasks} tasks ${JSON.stringify(verdict.byStatus)}, ` +
        `${verdict.executions} executions (${verdict.rerun} tasks run more than once), ${ended.endedAfterMs === null ? `NOT all ended (open: ${JSON.stringify(ended.open)})` : `all ended ${(ended.endedAfterMs / 1000).toFixed(1)} s after the work stopped`}, ` +
        `${broken} invariant violation(s) ${JSON.stringify({ ...verdict.byInvariant, ...(presenceFailures.length ? { presence: presenceFailures.length } : {}) })}; final RSS hub ${final.hubRssMb.toFixed(0)} MB, web ${final.webRssMb.toFixed(0)} MB, outbox ${final.outboxDepth ?? "-"}`,
    );
    return broken === 0 && ended.endedAfterMs !== null ? 0 : 1;
  } finally {
    stopping = true;
    dashboards.stop();
    await pool.stop();
    await fleet.stopAll();
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
