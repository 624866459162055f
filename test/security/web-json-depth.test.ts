import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../lib/protocol/limits";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** JSON text of `levels` nested arrays (or objects) around a number. */
const nestedArrays = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;
const nestedObjects = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
const taskBody = (payloadJson: string) => `{"title":"deep","executor":"shell","payload":${payloadJson}}`;

describe("deeply nested JSON", () => {
  it("gets a 400 naming the depth limit on REST, never a 500", async () => {
    for (const payload of [nestedArrays(5000), nestedObjects(5000), nestedArrays(LIMITS.jsonDepth)]) {
      const res = await stack.api("/api/cockpit/tasks", { method: "POST", body: taskBody(payload) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message).toContain(`deeper than ${LIMITS.jsonDepth}`);
    }
  });

  it("accepts nesting within the limit, and brackets inside strings do not count", async () => {
    const within = await stack.api("/api/cockpit/tasks", { method: "POST", body: taskBody(nestedArrays(LIMITS.jsonDepth - 2)) });
    expect(within.status).toBe(201);
    const text = await stack.api("/api/cockpit/tasks", { method: "POST", body: taskBody(JSON.stringify({ note: `${"[{".repeat(3000)} \\" ]` })) });
    expect(text.status).toBe(201);
  });

  it("answers a deeply nested frame with the spec's error frame and keeps the socket usable", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    await agent.next("status-request");
    agent.send(`{"type":"agent-status","agentId":"deep-agent","status":"online","metadata":{"x":${nestedArrays(5000)}}}`);
    const error = await agent.next("error");
    expect(error).toMatchObject({ message: "Invalid message format", details: [{ code: "too_deep" }] });
    expect(JSON.stringify(error)).toContain(`deeper than ${LIMITS.jsonDepth}`);
    agent.send({ type: "agent-status", agentId: "deep-agent", status: "online", metadata: { shallow: { ok: true } } });
    await eventually(async () => {
      const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
      return body.agents.some((a) => a.agentId === "deep-agent");
    });
    agent.close();
  });
});
