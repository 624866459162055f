/**
 * "Hub unreachable" is ambiguous: a command whose answer timed out may still reach its agent. The hub is SIGSTOPped so
 * the web's command times out with the task frame in the hub's socket; when the hub resumes, that delivery must be the
 * only live one (the web waits for the hub's report instead of offering the task again), and a delivery that reaches the
 * hub after its deadline must not be handed over at all. A spec-only agent (no extensions) starts a task when its frame
 * arrives, so every task frame it receives is a run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIST_DIR } from "../helpers/test-build";
import { connectAgent, createTask, waitForStatus, type TaskView } from "../helpers/api";
import type { RawAgent } from "../helpers/raw-agent";
import { startFaultStack, type FaultStack } from "./support/fault-stack";

const COMMAND_TIMEOUT_MS = 800;
const ACCEPT_TIMEOUT_MS = 3000;
let stack: FaultStack;
const agents: RawAgent[] = [];
/** Every task id each agent was sent, in arrival order (RawAgent.next takes frames off its list; this keeps them all). */
const taskFramesSeen = new Map<RawAgent, string[]>();

beforeAll(async () => {
  stack = await startFaultStack({
    distDir: TEST_DIST_DIR,
    webEnv: { HUB_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS), ACCEPT_TIMEOUT_MS: String(ACCEPT_TIMEOUT_MS), SWEEP_INTERVAL_MS: "200" },
  });
});

afterAll(async () => {
  for (const a of agents) a.close();
  await stack?.stop();
});

/** SIGSTOP of the hub's whole process group: it holds every request it gets until SIGCONT. */
function pauseHub(paused: boolean): void {
  process.kill(-stack.hubGroup(), paused ? "SIGSTOP" : "SIGCONT");
}

/** A spec-only agent with a capability of its own, so only its test's tasks reach it. */
async function specAgent(id: string): Promise<RawAgent> {
  const agent = await connectAgent(stack, id, { capabilities: [id] });
  agents.push(agent);
  const seen: string[] = [];
  taskFramesSeen.set(agent, seen);
  agent.ws.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; taskId?: string };
    if (frame.type === "task" && frame.taskId) seen.push(frame.taskId);
  });
  return agent;
}

/** Task frames for `taskId` the agent received (each is a run for a spec-only agent), after a round trip through the hub. */
async function framesFor(agent: RawAgent, taskId: string): Promise<number> {
  await agent.barrier();
  return taskFramesSeen.get(agent)!.filter((id) => id === taskId).length;
}

/** The agent reports the run done (a spec-only agent's result); the task completes. */
async function finish(agent: RawAgent, taskId: string): Promise<TaskView> {
  await agent.next((f) => f.type === "task" && f.taskId === taskId, 15_000);
  agent.send({ type: "task-result", taskId, status: "completed", result: { ok: true } });
  return waitForStatus(stack, taskId, "completed", 15_000);
}

describe("a delivery whose command timed out at a slow hub", () => {
  it("stays the only delivery: the task is not offered again while the hub may still deliver it", async () => {
    const agent = await specAgent("slow-hub-a");
    pauseHub(true);
    // The POST dispatches and waits for the hub's answer: it returns once that timed out, the frame still with the hub.
    const taskId = await createTask(stack, { title: "answer timed out", requires: ["slow-hub-a"], payload: { command: "true" } }).finally(() =>
      pauseHub(false),
    );
    const view = await finish(agent, taskId);
    expect(await framesFor(agent, taskId), "task frames received (each a run for a spec-only agent)").toBe(1);
    expect(view.events.filter((e) => e.type === "assigned")).toHaveLength(1);
    expect(view.events.map((e) => e.type)).not.toContain("requeued");
  }, 60_000);

  it("is not handed over when it reaches the hub after its deadline; the task is offered again and runs once", async () => {
    const agent = await specAgent("slow-hub-b");
    pauseHub(true);
    const taskId = await createTask(stack, { title: "reached the hub too late", requires: ["slow-hub-b"], payload: { command: "true" } })
      // The fault itself: the hub stays stalled past the delivery's deadline (the web's accept timeout).
      .then(async (id) => (await new Promise((r) => setTimeout(r, ACCEPT_TIMEOUT_MS + 500)), id))
      .finally(() => pauseHub(false));
    const view = await finish(agent, taskId);
    expect(await framesFor(agent, taskId), "task frames received (each a run for a spec-only agent)").toBe(1);
    // Given up as late by the hub (requeued) or by the sweep (expired), whichever the hub answered first.
    expect(view.events.map((e) => e.type)).toEqual(expect.arrayContaining(["assigned", "completed"]));
    expect(view.events.some((e) => e.type === "requeued" || e.type === "expired")).toBe(true);
  }, 60_000);
});
