/**
 * The other run-twice path the kill-restart suite found: a real agent is SIGSTOPped with a task frame in its socket,
 * the hub drops it as stale, and on SIGCONT (before the frame's expiresAt) it accepts and runs the task, but the
 * acceptance leaves on the socket the hub already closed. The task runs longer than the accept timeout, so its result
 * comes after the web gave the attempt up; the web must not treat it as "never started" and have it run again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIST_DIR } from "../helpers/test-build";
import { eventually } from "../helpers/raw-agent";
import { startFaultStack, type FaultStack } from "./support/fault-stack";
import { waitForPresence } from "./support/presence";
import { createFleet, type Fleet } from "./support/real-agents";
import { judge } from "./support/verdict";
import { createTasks } from "./support/workload";
import { fetchTask, TERMINAL } from "./support/invariants";

const ACCEPT_TIMEOUT_MS = 6000;
/** Longer than the accept timeout: the result cannot stand in for the lost acceptance before the attempt expires. */
const WORK_SECONDS = 5;
let stack: FaultStack;
let fleet: Fleet;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cockpit-stale-accept-"));
  stack = await startFaultStack({ distDir: TEST_DIST_DIR, pingIntervalMs: 300, staleAfterMs: 1500, webEnv: { ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), SWEEP_INTERVAL_MS: "250", RETRY_BACKOFF_MS: "200" } });
  fleet = createFleet({ root, hubWsUrl: stack.wsUrl, keys: [await stack.createKey("agent")], idPrefix: "stale-agent", workSeconds: WORK_SECONDS });
  fleet.start(fleet.agents[0]!);
});

afterAll(async () => {
  await fleet?.stopAll();
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("an acceptance sent on a socket the hub closed as stale", () => {
  it("does not lead to the task running twice", async () => {
    const agent = fleet.agents[0]!;
    await waitForPresence(stack, fleet.live, "the start", 30_000);
    fleet.pause(agent);
    await createTasks(stack.api, [{ id: "sent-while-stopped", idempotent: false, maxAttempts: 1, mode: "ok" }]);
    const assigned = await eventually(async () => (await fetchTask(stack.api, "sent-while-stopped")).events.find((e) => e.type === "assigned"), 10_000, "task assigned to the stopped agent");
    const deadline = Date.parse(assigned.createdAt) + ACCEPT_TIMEOUT_MS;
    await waitForPresence(stack, fleet.live, "the stale limit", 15_000);
    // The scenario needs the agent back before expiresAt, so that it may still start the task.
    expect(Date.now(), "the agent must resume before the delivery expires").toBeLessThan(deadline - 2000);
    fleet.resume(agent);

    await eventually(async () => TERMINAL.includes((await fetchTask(stack.api, "sent-while-stopped")).task.status), 60_000, "task ended");
    const verdict = await judge(stack.api, ["sent-while-stopped"], fleet.executions);
    expect(verdict.executions, "the agent ran the task").toBeGreaterThan(0);
    expect(verdict.violations, verdict.report).toEqual([]);
  }, 120_000);
});
