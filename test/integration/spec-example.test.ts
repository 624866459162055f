import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe("the spec's example client and curl examples", () => {
  it("an agent advertising git/npm/docker receives the spec's example task and completes it", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: "mac-agent-1", status: "online", capabilities: ["git", "npm", "docker"] });
    await eventually(async () => ((await (await stack.api("/api/cockpit/agents")).json()) as { count: number }).count === 1, 10_000, "agent listed");

    const created = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ title: "Run npm test", executor: "subagent", payload: { command: "npm test" } }),
    });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as { task: { id: string } };

    const frame = await agent.next("task");
    expect(frame).toEqual({ type: "task", taskId: task.id, taskType: "subagent", payload: { command: "npm test" } });

    agent.send({ type: "task-result", taskId: task.id, status: "completed", result: { exitCode: 0 }, logs: "1 passed" });
    const done = await eventually(async () => {
      const body = (await (await stack.api(`/api/cockpit/tasks/${task.id}`)).json()) as { task: { status: string; result: unknown; logs: string } };
      return body.task.status === "completed" ? body.task : null;
    });
    expect(done.result).toEqual({ exitCode: 0 });
    expect(done.logs).toBe("1 passed");
    agent.close();
  });
});
