/**
 * Every frame the hub accepts reaches the database, whatever its size: room storage refuses values over 128 KiB, so
 * the outbox must cut large events into parts. Tested at each limit and one byte over, and with the real agent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/protocol/limits";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { spawnAgent } from "../agent/support/agent-child";
import { git } from "../agent/support/git-fixture";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function registered(agentId: string): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
  await agent.next("status-request");
  agent.send({ type: "agent-status", agentId, status: "online", extensions: ["task-accepted", "task-result-ack"], maxConcurrency: 4 });
  await eventually(async () =>
    ((await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] }).agents.some((a) => a.agentId === agentId),
  );
  return agent;
}

/** A git-status frame of exactly `bytes` bytes: one repo whose modified files pad it out. */
function gitStatusOfSize(bytes: number, path: string): string {
  const files: string[] = [];
  const frame = () => JSON.stringify({ type: "git-status", repos: [{ id: "big", path, name: "big", status: "dirty", modifiedFiles: files }] });
  while (frame().length < bytes - LIMITS.path - 10) files.push("f".repeat(LIMITS.path));
  files.push("");
  files[files.length - 1] = "g".repeat(bytes - frame().length);
  const text = frame();
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

async function taskFor(agent: RawAgent, agentId: string): Promise<{ id: string; attempt: unknown }> {
  const res = await stack.api("/api/cockpit/tasks", {
    method: "POST",
    body: JSON.stringify({ title: "big result", executor: "shell", payload: { command: "true" }, targetAgentId: agentId }),
  });
  const id = ((await res.json()) as { task: { id: string } }).task.id;
  const frame = await agent.next((f) => f.type === "task" && f.taskId === id, 15_000);
  agent.send({ type: "task-accepted", taskId: id, attempt: frame.attempt });
  return { id, attempt: frame.attempt };
}

describe("frames at the size limits", () => {
  it("stores a git-status frame of exactly the frame limit and refuses one byte more with an error frame", async () => {
    const agent = await registered("big-git");
    agent.send(gitStatusOfSize(LIMITS.frameBytes + 1, "/src/too-big"));
    expect(await agent.next("error")).toMatchObject({ details: [{ code: "too_big" }] });
    agent.send(gitStatusOfSize(LIMITS.frameBytes, "/src/at-limit"));
    const repo = await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos?agentId=big-git")).json()) as { repos: { path: string; modifiedFiles: string[] }[] };
        return body.repos.find((r) => r.path === "/src/at-limit");
      },
      20_000,
      "the 1 MB frame's repo stored",
    );
    expect(repo.modifiedFiles.length).toBeGreaterThan(900);
    const repos = (await (await stack.api("/api/cockpit/repos?agentId=big-git")).json()) as { repos: { path: string }[] };
    expect(repos.repos.some((r) => r.path === "/src/too-big")).toBe(false);
    agent.close();
  });

  it("stores a result with logs and result at their limits, and refuses logs one character over", async () => {
    const agent = await registered("big-result");
    const over = await taskFor(agent, "big-result");
    agent.send({ type: "task-result", taskId: over.id, attempt: over.attempt, status: "completed", result: {}, logs: "x".repeat(LIMITS.logs + 1) });
    expect(await agent.next("error")).toMatchObject({ message: "Invalid message format", details: [{ path: ["logs"] }] });

    const atLimit = await taskFor(agent, "big-result");
    const result = { blob: "" };
    result.blob = "r".repeat(LIMITS.resultBytes - JSON.stringify(result).length);
    expect(Buffer.byteLength(JSON.stringify(result))).toBe(LIMITS.resultBytes);
    agent.send({ type: "task-result", taskId: atLimit.id, attempt: atLimit.attempt, status: "completed", result, logs: "y".repeat(LIMITS.logs) });
    const ack = await agent.next((f) => f.type === "task-result-ack" && f.taskId === atLimit.id, 20_000);
    expect(ack.accepted).toBe(true);
    const task = ((await (await stack.api(`/api/cockpit/tasks/${atLimit.id}`)).json()) as { task: { status: string; logs: string; result: { blob: string } } })
      .task;
    expect(task.status).toBe("completed");
    expect(task.logs.length).toBe(LIMITS.logs);
    expect(task.result.blob.length).toBe(result.blob.length);
    agent.close();
  });
});

describe("the real agent", () => {
  it("delivers the result of `seq 40000` (a 229 KB log) once, and the task completes", async () => {
    const root = mkdtempSync(join(tmpdir(), "big-log-"));
    const work = join(root, "work");
    git(root, "init", "-q", "-b", "main", work);
    const key = await stack.createKey("agent");
    const agent = spawnAgent(["--hub", stack.wsUrl, "--agent-id", "seq-agent", "--repo", work, "--state-dir", join(root, "state"), "--allow", "seq *"], key);
    try {
      await agent.waitForOutput(/connected to/);
      const res = await stack.api("/api/cockpit/tasks", {
        method: "POST",
        body: JSON.stringify({ title: "seq", executor: "shell", payload: { command: "seq 40000" }, targetAgentId: "seq-agent" }),
      });
      const id = ((await res.json()) as { task: { id: string } }).task.id;
      const task = await eventually(
        async () => {
          const t = ((await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as { task: { status: string; logs: string | null } }).task;
          return ["completed", "failed", "timed_out"].includes(t.status) ? t : null;
        },
        30_000,
        "seq task finished",
      );
      expect(task.status).toBe("completed");
      const expected = Array.from({ length: 40_000 }, (_, i) => `${i + 1}\n`).join("");
      expect(expected.length).toBeGreaterThan(128 * 1024);
      expect(task.logs).toBe(expected);
    } finally {
      await agent.stop("SIGKILL");
      rmSync(root, { recursive: true, force: true });
    }
  });
});
