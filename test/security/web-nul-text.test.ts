import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  const res = await stack.api("/api/cockpit/tasks", {
    method: "POST",
    body: JSON.stringify({ id: "nul-control", title: "an ordinary task", executor: "shell" }),
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await stack?.stop();
});

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe("NUL characters in text", () => {
  it("are refused in REST bodies with a 400 naming the field", async () => {
    const cases: [string, unknown, string][] = [
      ["/api/cockpit/tasks", { title: "before\u0000after", executor: "shell" }, "title"],
      ["/api/cockpit/tasks", { title: "ok", executor: "shell", payload: { steps: ["a", "b\u0000"] } }, "payload.steps.1"],
      ["/api/cockpit/tasks", { title: "ok", executor: "shell", payload: { "key\u0000": 1 } }, "payload"],
      ["/api/cockpit/alerts", { severity: "info", title: "disk", message: "full\u0000" }, "message"],
      ["/api/cockpit/keys", { name: "robot\u0000", role: "viewer" }, "name"],
    ];
    for (const [path, body, field] of cases) {
      const res = await stack.api(path, { method: "POST", body: JSON.stringify(body) });
      expect(res.status, `${path} ${field}`).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error, `${path} ${field}`).toMatchObject({ code: "bad_request", field });
      expect(error.message).toContain("NUL");
    }
    // Nothing was stored: the only task is the control task.
    const list = (await (await stack.api("/api/cockpit/tasks")).json()) as { total: number };
    expect(list.total).toBe(1);
  });

  it("are refused in query parameters instead of matching everything", async () => {
    for (const query of ["search=%00", "search=an%00ordinary", "executor=sh%00ell", "unknown=%00"]) {
      const res = await stack.api(`/api/cockpit/tasks?${query}`);
      expect(res.status, query).toBe(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.field, query).toBe(query.split("=")[0]);
      expect(error.message).toContain("NUL");
    }
    const plain = (await (await stack.api("/api/cockpit/tasks?search=ordinary")).json()) as { total: number };
    expect(plain.total).toBe(1);
  });

  it("are refused in agent frames with the spec's error frame naming the path", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    await agent.next("status-request");
    const frames: [unknown, (string | number)[]][] = [
      [{ type: "agent-status", agentId: "nul-agent", status: "online", metadata: { host: "mac\u0000mini" } }, ["metadata", "host"]],
      [{ type: "agent-status", agentId: "nul-agent", status: "online", capabilities: ["git\u0000"] }, ["capabilities", 0]],
    ];
    for (const [frame, path] of frames) {
      agent.send(frame);
      // A barrier: this malformed frame's error comes after the one (if any) for the frame above.
      agent.send("{not json");
      const first = await agent.next("error");
      expect(first).toMatchObject({ message: "Invalid message format", details: [{ code: "nul_character", path }] });
      expect(await agent.next("error")).toMatchObject({ details: [{ code: "invalid_json" }] });
    }
    agent.close();
  });
});
