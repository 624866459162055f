import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { FINISHED, createTask, getAgent, getTask } from "./support/api";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { ResultSpool } from "../../agent/tasks/spool";
import { git } from "./support/git-fixture";
import { isGone, waitUntil } from "./support/processes";

const AGENT_ID = "crash-agent";
let stack: Stack;
let key: string;
let root: string;
let work: string;
const agents: AgentChild[] = [];

function startAgent(): AgentChild {
  const agent = spawnAgent(
    [
      "--hub",
      stack.wsUrl,
      "--agent-id",
      AGENT_ID,
      "--repo",
      work,
      "--state-dir",
      join(root, "state"),
      "--kill-grace",
      "500ms",
      "--allow",
      "sh append.sh",
      "--log-level",
      "debug",
    ],
    key,
  );
  agents.push(agent);
  return agent;
}

const ticks = () => join(root, "ticks");
const size = () => {
  try {
    return statSync(ticks()).size;
  } catch {
    return 0;
  }
};
/** Resolves once the task's loop has appended again: it is still running. */
const grows = (label: string) => {
  const before = size();
  return waitUntil(() => size() > before, 5000, label);
};

beforeAll(async () => {
  // The restarted agent reports the interrupted attempt itself: keep a crashed agent's attempts past the restart.
  stack = await startStack({ webEnv: { CRASHED_AGENT_GRACE_MS: "60000" } });
  key = await stack.createKey("agent");
  root = mkdtempSync(join(tmpdir(), "agent-crash-"));
  work = join(root, "work");
  git(root, "init", "-q", "-b", "main", work);
  // Appends a line every 100 ms until stopped; its sleep children share its process group.
  writeFileSync(join(work, "append.sh"), `echo $$ > "${root}/append.pid"\nwhile :; do echo tick >> "${ticks()}"; sleep 0.1; done\n`);
});

afterAll(async () => {
  for (const agent of agents) await agent.stop("SIGKILL");
  try {
    process.kill(-Number(readFileSync(join(root, "append.pid"), "utf8")), "SIGKILL");
  } catch {
    /* stopped, as it should be */
  }
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("an agent killed while a task runs", () => {
  it("stops the task's leftover processes when it starts again and reports the attempt as interrupted", async () => {
    const first = startAgent();
    await eventually(async () => (await getAgent(stack, AGENT_ID))?.connected, 15_000, "agent connected");
    const id = await createTask(stack, { executor: "shell", payload: { command: "sh append.sh" }, maxAttempts: 1 });
    await eventually(async () => (await getTask(stack, id)).task.status === "running", 10_000, "task running");
    await grows("task appending");
    const pid = Number(readFileSync(join(root, "append.pid"), "utf8"));
    // No wait for the record: the task's program starts only once its group is on disk (runProcess's gate). Without
    // the gate a loaded machine ran the task before the record was written, and this kill left nothing to find.
    expect(existsSync(join(root, "state", "processes", `p-${pid}.json`))).toBe(true);

    expect(await first.stop("SIGKILL")).toBeNull();
    await grows("task appending after the agent was killed"); // its own process group outlives the agent

    const second = startAgent();
    await second.waitForOutput(new RegExp(`task ${id}: its processes \\(group ${pid}\\) were still running from before the restart; stopping them`));
    await waitUntil(() => isGone(pid), 5000, "task's shell gone");
    const task = await eventually(
      async () => {
        const t = await getTask(stack, id);
        return FINISHED.includes(t.task.status) ? t.task : null;
      },
      20_000,
      "task finished",
    );
    expect(task.status).toBe("failed");
    expect(task.result).toEqual({ error: "the agent restarted while this task ran; its processes were stopped", interrupted: true });
    // The web adds that a non-idempotent task is not retried on its own: it may have partly run.
    expect(task.error).toBe("the agent restarted while this task ran; its processes were stopped; the task may have partly run");

    // The loop wrote every 100 ms; over five of its intervals nothing more arrives.
    const after = size();
    await new Promise((r) => setTimeout(r, 500));
    expect(size()).toBe(after);
    expect(second.output()).toMatch(
      new RegExp(`task ${id} was running when the agent last stopped; reporting it as failed \\(interrupted, its processes were stopped\\)`),
    );
  });
});

describe("an agent killed while it waited for the web to confirm a task", () => {
  it("starts again, connects, and asks again instead of crashing on start", async () => {
    const stateDir = mkdtempSync(join(root, "accepting-state-"));
    const taskId = "never-confirmed-1";
    // The state a kill between task-accepted and its ack leaves: one "accepting" record holding the task frame.
    new ResultSpool(stateDir).markAccepting({ type: "task", taskId, taskType: "shell", payload: { command: "sh append.sh" }, attempt: 1 });
    const agent = spawnAgent(["--hub", stack.wsUrl, "--agent-id", "accepting-agent", "--repo", work, "--state-dir", stateDir, "--allow", "sh append.sh"], key);
    agents.push(agent);
    await agent.waitForOutput(new RegExp(`task ${taskId} was waiting for the web to confirm its acceptance; asking again`));
    await agent.waitForOutput(/connected to /);
    // The web never gave it this task, so it declines; the agent does not run it.
    await agent.waitForOutput(new RegExp(`task ${taskId} not run: the web did not confirm its acceptance`));
    expect(await getAgent(stack, "accepting-agent")).toMatchObject({ connected: true });
    expect(agent.output()).not.toMatch(/could not start/);
  });
});
