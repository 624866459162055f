/** A hostile peer against the hub: oversize bodies, replayed bridge requests, frame floods, garbage between valid frames. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders } from "@/lib/bridge/sign";
import { BRIDGE_BODY_BYTES } from "@/lib/protocol/limits";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Streams `totalBytes` of body in chunks without a Content-Length and resolves with the status the server answered. */
function streamPost(url: string, totalBytes: number, headers: Record<string, string> = {}): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", ...headers } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBytes: sent });
      req.destroy();
    });
    req.on("error", (error) => (sent > 0 ? undefined : reject(error)));
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("the hub's bridge endpoint", () => {
  it("refuses a declared oversize body before reading it", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${stack.hubUrl}/parties/main/cockpit`, { method: "POST", headers: { "content-length": String(100 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(status).toBe(413);
  });

  it("cuts off a streamed unauthenticated body at the cap instead of reading 100 MB", async () => {
    const { status, sentBytes } = await streamPost(`${stack.hubUrl}/parties/main/cockpit`, 100 * 1024 * 1024);
    expect(status).toBe(413);
    expect(sentBytes).toBeLessThan(100 * 1024 * 1024);
    expect(sentBytes).toBeGreaterThan(BRIDGE_BODY_BYTES / 2);
  });

  it("accepts a signed command once and refuses the same request replayed", async () => {
    const body = JSON.stringify({ changes: [] });
    const headers = await signedHeaders(stack.secret, body);
    const first = await fetch(`${stack.hubUrl}/parties/main/cockpit`, { method: "POST", headers, body });
    expect(first.status).toBe(200);
    const replay = await fetch(`${stack.hubUrl}/parties/main/cockpit`, { method: "POST", headers, body });
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain("replayed");
  });

  it("is matched at the web: a replayed event batch is refused", async () => {
    const body = JSON.stringify({ events: [] });
    const headers = await signedHeaders(stack.secret, body);
    expect((await fetch(`${stack.webUrl}/api/hub/events`, { method: "POST", headers, body })).status).toBe(200);
    const replay = await fetch(`${stack.webUrl}/api/hub/events`, { method: "POST", headers, body });
    expect(replay.status).toBe(401);
  });
});

describe("a connection's frame budget", () => {
  it("closes a pong flood with 1008 and keeps serving other agents", async () => {
    const flooder = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    await flooder.next("status-request");
    const pong = JSON.stringify({ type: "pong", timestamp: 1 });
    for (let i = 0; i < 20_000; i++) flooder.ws.send(pong);
    expect(await flooder.waitClose(30_000)).toMatchObject({ code: 1008, reason: "rate limit exceeded" });
    expect(flooder.frames.some((f) => f.type === "error" && f.message === "Rate limit exceeded")).toBe(true);

    const other = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    other.send({ type: "agent-status", agentId: "after-flood", status: "online" });
    other.send({ type: "git-status", repos: [{ id: "r1", path: "/src/after-flood", name: "after-flood", status: "clean" }] });
    await eventually(
      async () => {
        const body = (await (await stack.api("/api/cockpit/repos")).json()) as { repos: { path: string }[] };
        return body.repos.some((r) => r.path === "/src/after-flood");
      },
      15_000,
      "the other agent's repo stored",
    );
    other.close();
  });

  it("closes after ten invalid frames even with valid frames in between", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    await agent.next("status-request");
    for (let i = 0; i < 9; i++) {
      agent.send("{garbage");
      agent.send({ type: "pong" });
      await agent.next("error");
    }
    expect(agent.closed).toBeNull();
    agent.send("{garbage");
    expect((await agent.waitClose()).code).toBe(1008);
  });
});
