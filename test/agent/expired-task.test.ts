import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { freePort } from "../helpers/stack";
import { spawnAgent, type AgentChild } from "./support/agent-child";
import { git } from "./support/git-fixture";

type Frame = { type: string; taskId?: string; [key: string]: unknown };

// The hub here is a bare WebSocket server playing the hub's frames, so the test decides what the hub's clock says.
let server: WebSocketServer;
let agent: AgentChild;
let root: string;
let socket: WebSocket;
const received: Frame[] = [];

beforeAll(async () => {
  const port = await freePort();
  server = new WebSocketServer({ port, host: "127.0.0.1" });
  const connected = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
  root = mkdtempSync(join(tmpdir(), "agent-expired-"));
  const work = join(root, "work");
  git(root, "init", "-q", "-b", "main", work);
  agent = spawnAgent(
    [
      "--hub",
      `ws://127.0.0.1:${port}`,
      "--agent-id",
      "expiry-agent",
      "--repo",
      work,
      "--state-dir",
      join(root, "state"),
      "--allow",
      "echo **",
      "--max-concurrency",
      "2",
    ],
    "ck_test_key",
  );
  socket = await connected;
  socket.on("message", (data) => received.push(JSON.parse(data.toString()) as Frame));
});

afterAll(async () => {
  await agent?.stop("SIGKILL");
  await new Promise((resolve) => server?.close(resolve));
  if (root) rmSync(root, { recursive: true, force: true });
});

async function frameMatching(match: (f: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = received.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(received).slice(0, 800)}\n${agent.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a task frame that arrives after it expired", () => {
  it("is neither run nor answered, judged by the hub's clock as told by its pings", async () => {
    await frameMatching((f) => f.type === "agent-status");
    const hourAhead = Date.now() + 3_600_000;
    socket.send(JSON.stringify({ type: "ping", timestamp: hourAhead }));
    await frameMatching((f) => f.type === "pong" && f.timestamp === hourAhead);
    const task = (taskId: string, expiresAt: number) => ({
      type: "task",
      taskId,
      taskType: "shell",
      payload: { command: `echo ${taskId}` },
      attempt: 1,
      expiresAt,
    });
    // Ten minutes left by the local clock, fifty minutes late by the hub's.
    socket.send(JSON.stringify(task("stale-task", Date.now() + 600_000)));
    socket.send(JSON.stringify(task("fresh-task", Date.now() + 3_600_000 + 600_000)));

    // The agent asks to accept (extension task-accepted-ack) and runs the task once the hub confirms, as the web would.
    await frameMatching((f) => f.type === "task-accepted" && f.taskId === "fresh-task");
    socket.send(JSON.stringify({ type: "task-accepted-ack", taskId: "fresh-task", attempt: 1, accepted: true }));
    // Frames are handled in order: once the fresh task's result is here, the stale one has been decided.
    const result = await frameMatching((f) => f.type === "task-result" && f.taskId === "fresh-task");
    expect(result).toMatchObject({ status: "completed", logs: "fresh-task\n", attempt: 1 });
    expect(received.filter((f) => f.taskId === "stale-task")).toEqual([]);
    expect(agent.output()).toMatch(/task stale-task \(attempt 1\) arrived \d+ ms after it expired \(hub clock, offset \d+ ms\); not running it/);
    expect(agent.output().match(/stale-task/g)).toHaveLength(1);
  });
});
