/**
 * "Nothing lost, nothing run twice" under faults: a real hub and web and three real agents run ~80 tasks while, at
 * seeded moments, the hub and the web are killed -9 and restarted, an agent is killed -9 and restarted on its state
 * dir, and an agent is SIGSTOPped past the stale limit and resumed. Replay a run with FAULT_SEED=<seed>.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIST_DIR } from "../helpers/test-build";
import { startFaultStack, type FaultStack } from "./support/fault-stack";
import { inject, type FaultRecord } from "./support/inject";
import { waitForPresence } from "./support/presence";
import { createFleet, type Fleet } from "./support/real-agents";
import { keepEvidence } from "./support/evidence";
import { describeFault, planFaults, seedFromEnv, seededRandom } from "./support/schedule";
import { judge } from "./support/verdict";
import { createTasks, planWave, waitAllEnded, type TaskSpec } from "./support/workload";

const SEED = seedFromEnv();
const random = seededRandom(SEED);
const AGENTS = 3;
const TASKS_PER_WAVE = 12;
/** Each kind once plus two more: six faults, each striking 0.3–2.5 s into its wave of tasks. */
const FAULTS = planFaults(random, { agents: AGENTS, extra: 2, minMs: 300, maxMs: 2500 });
/** Short engine timings so a lost or stale agent shows within seconds (the defaults are minutes). */
const TIMINGS = { pingIntervalMs: 500, staleAfterMs: 2500, acceptTimeoutMs: 4000, lostAgentGraceMs: 5000 };

let stack: FaultStack;
let fleet: Fleet;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cockpit-faults-"));
  stack = await startFaultStack({
    distDir: TEST_DIST_DIR,
    pingIntervalMs: TIMINGS.pingIntervalMs,
    staleAfterMs: TIMINGS.staleAfterMs,
    webEnv: {
      ACCEPT_TIMEOUT_MS: String(TIMINGS.acceptTimeoutMs),
      LOST_AGENT_GRACE_MS: String(TIMINGS.lostAgentGraceMs),
      RETRY_BACKOFF_MS: "200",
      SWEEP_INTERVAL_MS: "250",
    },
  });
  const keys = await Promise.all(Array.from({ length: AGENTS }, (_, i) => stack.createKey("agent", `fault agent ${i + 1}`)));
  fleet = createFleet({ root, hubWsUrl: stack.wsUrl, keys, idPrefix: "fault-agent", workSeconds: 0.8 });
  for (const agent of fleet.agents) fleet.start(agent);
});

afterAll(async () => {
  await fleet?.stopAll();
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("kill -9 and restart of every part while tasks run", () => {
  it("ends every task exactly once, runs none twice unless allowed, stores every result, and keeps presence right", async () => {
    const ids = fleet.agents.map((a) => a.id);
    console.log(
      `fault seed ${SEED} (replay with FAULT_SEED=${SEED}); schedule:\n${FAULTS.map((f, i) => `  wave ${i + 1}: ${describeFault(f, ids)}`).join("\n")}`,
    );
    const ctx = { stack, fleet, expected: () => fleet.live(), presenceTimeoutMs: 45_000 };
    await waitForPresence(stack, ctx.expected, "the start", 45_000);

    const started = Date.now();
    const specs: TaskSpec[] = [];
    const records: FaultRecord[] = [];
    for (const [i, fault] of FAULTS.entries()) {
      const wave = planWave(random, `kr${SEED % 1000}-w${i + 1}`, TASKS_PER_WAVE);
      await createTasks(stack.api, wave);
      specs.push(...wave);
      await new Promise((r) => setTimeout(r, fault.afterMs)); // the seeded moment the fault strikes
      records.push(await inject(fault, ctx, started));
    }
    const last = planWave(random, `kr${SEED % 1000}-w${FAULTS.length + 1}`, 8);
    await createTasks(stack.api, last);
    specs.push(...last);

    const ended = await waitAllEnded(stack.api, 60_000);
    const verdict = await judge(
      stack.api,
      specs.map((s) => s.id),
      fleet.executions,
    );
    console.log(
      [
        `fault seed ${SEED}: what happened`,
        ...records.map((r) => `  +${(r.at / 1000).toFixed(1)} s ${r.summary}`),
        `  all ${specs.length} tasks ended ${ended.endedAfterMs === null ? `NOT within 60 s (still open: ${JSON.stringify(ended.open)})` : `${(ended.endedAfterMs / 1000).toFixed(1)} s after the last fault`}`,
        `  final: ${JSON.stringify(verdict.byStatus)}; ${verdict.executions} executions, ${verdict.rerun} task(s) run more than once`,
      ].join("\n"),
    );
    if (verdict.violations.length > 0) {
      const kept = keepEvidence(`faults-${SEED}`, { fleet, stack, report: verdict.report });
      throw new Error(`fault seed ${SEED}: ${verdict.violations.length} invariant(s) broken (agents' and servers' logs kept in ${kept})\n${verdict.report}`);
    }
    expect(verdict.byStatus.completed ?? 0).toBeGreaterThan(0);
    expect(Object.values(verdict.byStatus).reduce((a, b) => a + b, 0)).toBe(specs.length);
  }, 240_000);
});
