import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISHED, createTask, getAgent, viewTask, waitForTask } from "../helpers/api";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { git } from "./support/git-fixture";
import { isGone, waitUntil } from "./support/processes";

const AGENT_ID = "task-agent";
let stack: Stack;
let agent: AgentChild;
let root: string;
let work: string;

beforeAll(async () => {
  stack = await startStack();
  root = mkdtempSync(join(tmpdir(), "agent-tasks-"));
  work = join(root, "work");
  git(root, "init", "-q", "-b", "main", work);
  writeFileSync(join(work, "slow.sh"), 'echo started\nsleep "$1"\necho finished\n');
  writeFileSync(join(work, "long.sh"), `echo $$ > "${root}/long.pid"\nsleep 60\n`);
  // Ignores SIGTERM, and so does the child it leaves behind: only SIGKILL to the group ends them.
  writeFileSync(join(work, "stubborn.sh"), `trap '' TERM\necho $$ > "${root}/parent.pid"\nsleep 300 &\necho $! > "${root}/child.pid"\necho waiting\nwait\n`);
  const key = await stack.createKey("agent");
  agent = spawnAgent(
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
      "echo **",
      "--allow",
      "sh slow.sh *",
      "--allow",
      "sh stubborn.sh",
      "--allow",
      "sh long.sh",
    ],
    key,
  );
  await agent.waitForOutput(/connected to/);
  await eventually(async () => (await getAgent(stack, AGENT_ID))?.connected, 15_000, "agent connected");
});

afterAll(async () => {
  await agent?.stop("SIGKILL");
  await stack?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A task for the agent this file starts (the other agents some tests start must not take it). */
const taskForAgent = (body: Record<string, unknown>) => createTask(stack, { targetAgentId: AGENT_ID, ...body });

const finished = (id: string, timeoutMs = 20_000) => waitForTask(stack, id, (t) => FINISHED.includes(t.task.status), timeoutMs, `task ${id} finished`);

const running = (id: string) => waitForTask(stack, id, (t) => t.task.status === "running", 10_000, "task running");

describe("tasks on the real agent", () => {
  it("runs an allowed shell command end to end, with logs and the accepted → completed history", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "echo hello 'from cockpit'" } });
    const { task, events } = await finished(id);
    expect(task.status).toBe("completed");
    expect(task.logs).toBe("hello from cockpit\n");
    expect(task.result).toMatchObject({ exitCode: 0, command: ["echo", "hello", "from cockpit"], allowedBy: "echo **" });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["assigned", "accepted", "completed"]));
  });

  it("refuses a command outside the allowlist with a failed result and a clear reason", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "rm -rf /tmp/nothing" } });
    const { task } = await finished(id);
    expect(task.status).toBe("failed");
    expect(task.error).toBe("refused: command not in this agent's allowlist: rm -rf /tmp/nothing");
    expect(task.logs).toContain("not in this agent's allowlist");
  });

  it("refuses shell syntax rather than running it without a shell", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "echo hi && touch pwned" } });
    const { task } = await finished(id);
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/shell operator "&"/);
  });

  it("kills a child that ignores SIGTERM when the timeout passes, and its own children", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "sh stubborn.sh", timeoutMs: 1500 } });
    const { task } = await finished(id);
    expect(task.status).toBe("failed");
    expect(task.error).toMatch(/^timed out after 1500 ms/);
    expect(task.result).toMatchObject({ timedOut: true, signal: "SIGKILL" });
    expect(task.logs).toContain("waiting");
    const pids = ["parent.pid", "child.pid"].map((f) => Number(readFileSync(join(root, f), "utf8")));
    await waitUntil(() => pids.every(isGone), 3000, "stubborn processes gone");
  });

  it("delivers a result produced while the hub restarts, exactly once", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "sh slow.sh 1" } });
    await running(id);
    await stack.restartHub(); // the task finishes while the hub is down; its result waits in the spool
    const { task, events } = await finished(id, 40_000);
    expect(task.status).toBe("completed");
    expect(task.logs).toBe("started\nfinished\n");
    expect(events.filter((e) => e.type === "completed")).toHaveLength(1);
    expect(events.filter((e) => e.toStatus === "completed" || e.toStatus === "failed")).toHaveLength(1);
    expect(agent.output()).toMatch(/resent 1 result/);
    // The agent is back and still takes work.
    const next = await taskForAgent({ executor: "shell", payload: { command: "echo again" } });
    expect((await finished(next)).task.status).toBe("completed");
  });

  it("stops a running task when it is cancelled through REST", async () => {
    rmSync(join(root, "long.pid"), { force: true });
    const id = await taskForAgent({ executor: "shell", payload: { command: "sh long.sh" } });
    await running(id);
    const pid = await eventually(async () => Number(readFileSync(join(root, "long.pid"), "utf8")) || null, 5000, "pid written");
    const res = await stack.api(`/api/cockpit/tasks/${id}/cancel`, { method: "POST" });
    expect(res.status).toBeLessThan(300);
    await waitUntil(() => isGone(pid), 5000, "cancelled task's process gone");
    expect((await viewTask(stack, id)).task.status).toBe("cancelled");
    await agent.waitForOutput(new RegExp(`task ${id} cancelled by the hub`));
  });

  it("runs a task again when it is retried with the next attempt", async () => {
    const id = await taskForAgent({ executor: "shell", payload: { command: "echo once more" } });
    expect((await finished(id)).task.status).toBe("completed");
    const res = await stack.api(`/api/cockpit/tasks/${id}/retry`, { method: "POST" });
    expect(res.status).toBeLessThan(300);
    const { events } = await eventually(
      async () => {
        const t = await viewTask(stack, id);
        return t.events.filter((e) => e.type === "completed").length === 2 ? t : null;
      },
      20_000,
      "second completion",
    );
    expect(events.filter((e) => e.type === "accepted")).toHaveLength(2);
  });

  it("stops gracefully on SIGTERM: finishes the running task, reports offline, exits 0", async () => {
    // An agent of its own, so the other tests keep theirs.
    const key = await stack.createKey("agent");
    const graceful = spawnAgent(
      ["--hub", stack.wsUrl, "--agent-id", "graceful", "--repo", work, "--state-dir", join(root, "state-graceful"), "--allow", "sh slow.sh *"],
      key,
    );
    try {
      await eventually(async () => (await getAgent(stack, "graceful"))?.connected, 15_000, "graceful agent connected");
      const id = await createTask(stack, { executor: "shell", payload: { command: "sh slow.sh 1" }, targetAgentId: "graceful" });
      await running(id);
      expect(await graceful.stop("SIGTERM")).toBe(0);
      expect((await viewTask(stack, id)).task.status).toBe("completed");
      let seen: unknown;
      const gone = await eventually(
        async () => {
          const a = await getAgent(stack, "graceful");
          seen = a;
          // It says offline before it hangs up: wait for both, or the check can land in between.
          return a && a.status === "offline" && !a.connected ? a : null;
        },
        10_000,
        "agent offline and disconnected",
      ).catch((e: Error) => {
        throw new Error(`${e.message}; last seen ${JSON.stringify(seen)}\n${graceful.output().slice(-1500)}`);
      });
      expect(gone.connected).toBe(false);
      expect(graceful.output()).toMatch(/agent stopped/);
    } finally {
      await graceful.stop("SIGKILL");
    }
  });

  it("a second SIGINT exits at once and still takes the running task's processes down", async () => {
    rmSync(join(root, "long.pid"), { force: true });
    const key = await stack.createKey("agent");
    const second = spawnAgent(
      ["--hub", stack.wsUrl, "--agent-id", "impatient", "--repo", work, "--state-dir", join(root, "state2"), "--stop-grace", "60s", "--allow", "sh long.sh"],
      key,
    );
    try {
      await eventually(async () => (await getAgent(stack, "impatient"))?.connected, 15_000, "second agent connected");
      const id = await createTask(stack, { executor: "shell", payload: { command: "sh long.sh" }, targetAgentId: "impatient" });
      await running(id);
      const pid = await eventually(async () => Number(readFileSync(join(root, "long.pid"), "utf8")) || null, 5000, "pid written");
      second.child.kill("SIGINT");
      await second.waitForOutput(/finishing running tasks/);
      await new Promise((r) => setTimeout(r, 700)); // the agent counts repeats within 500 ms as one (npx forwards Ctrl-C)
      // "At once": it exits by itself (130) well inside its 60 s stop grace; after 5 s stop() would SIGKILL it (no code).
      expect(await second.stop("SIGINT", 5_000)).toBe(130);
      await waitUntil(() => isGone(pid), 3000, "task process gone after forced exit");
    } finally {
      await second.stop("SIGKILL");
    }
  });

  it("says clearly when the hub refuses its key, keeps retrying, and never prints the key", async () => {
    const wrong = spawnAgent(["--hub", stack.wsUrl, "--agent-id", "wrong-key", "--state-dir", join(root, "state3")], "ck_not_a_real_key_123");
    try {
      await wrong.waitForOutput(/the hub refused the key \(HTTP 401\)/);
      expect(wrong.child.exitCode).toBeNull();
      expect(wrong.output()).not.toContain("ck_not_a_real_key_123");
    } finally {
      expect(await wrong.stop("SIGTERM")).toBe(0);
    }
  });
});
