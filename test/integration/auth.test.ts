import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { uid } from "../helpers/api";
import { RawAgent } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
const keys: Record<"agent" | "viewer" | "operator" | "admin", string> = { agent: "", viewer: "", operator: "", admin: "" };

beforeAll(async () => {
  stack = await startStack();
  for (const role of ["agent", "viewer", "operator", "admin"] as const) keys[role] = await stack.createKey(role);
});
afterAll(async () => {
  await stack?.stop();
});

describe("socket auth", () => {
  it("refuses a missing or wrong key with HTTP 401 before the room is reached", async () => {
    expect(await RawAgent.refusedStatus(stack.wsUrl, null)).toBe(401);
    expect(await RawAgent.refusedStatus(stack.wsUrl, "wrong-key-123")).toBe(401);
  });

  it("refuses a forged principal header on the room URL", async () => {
    const ws = new WebSocket(`${stack.wsUrl}/parties/main/cockpit`, { headers: { "x-cockpit-principal": "eyJyb2xlIjoiYWRtaW4ifQ.abc" } });
    const status = await new Promise<number>((resolve) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => resolve(101));
    });
    expect(status).toBe(401);
  });

  it("knows one room only: other room ids are refused even with a valid key", async () => {
    const ws = new WebSocket(`${stack.wsUrl}/parties/main/elsewhere?token=${keys.agent}`);
    const status = await new Promise<number>((resolve) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => resolve(101));
    });
    expect(status).toBe(404);
    expect((await fetch(`${stack.hubUrl}/parties/main/elsewhere`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("accepts an agent key by header at /api/ws and by ?token= at the room URL", async () => {
    for (const via of ["header", "query"] as const) {
      const agent = await RawAgent.connect(stack.wsUrl, keys.agent, via);
      expect(await agent.next("status-request")).toEqual({ type: "status-request" });
      agent.send({ type: "agent-status", agentId: uid(`agent-${via}`), status: "online" });
      agent.send({ type: "git-status", repos: [] });
      agent.send({ type: "pong" });
      await agent.barrier();
      expect(agent.frames.filter((f) => f.type === "error")).toEqual([]);
      agent.close();
    }
  });

  it("does not let another agent key take over a connected agentId; the same key replaces its old socket", async () => {
    const agentId = uid("owned");
    const owner = await RawAgent.connect(stack.wsUrl, keys.agent);
    owner.send({ type: "agent-status", agentId, status: "online" });
    await owner.barrier();
    const otherKey = await stack.createKey("agent", "other agent");
    const thief = await RawAgent.connect(stack.wsUrl, otherKey);
    thief.send({ type: "agent-status", agentId, status: "online" });
    expect(await thief.next("error")).toMatchObject({ message: "agentId belongs to another key" });
    expect(owner.closed).toBeNull();
    const sameKey = await RawAgent.connect(stack.wsUrl, keys.agent);
    sameKey.send({ type: "agent-status", agentId, status: "online" });
    expect(await owner.waitClose()).toEqual({ code: 4000, reason: "replaced by a newer connection" });
    thief.close();
    sameKey.close();
  });

  it("accepts the spec's environment key as a full-access agent", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, stack.adminKey);
    agent.send({ type: "agent-status", agentId: uid("env-agent"), status: "online" });
    await agent.barrier();
    expect(agent.frames.filter((f) => f.type === "error")).toEqual([]);
    agent.close();
  });

  it("lets a viewer key watch but not speak as an agent", async () => {
    const viewer = await RawAgent.connect(stack.wsUrl, keys.viewer);
    const sneaky = uid("sneaky");
    viewer.send({ type: "agent-status", agentId: sneaky, status: "online" });
    const err = await viewer.next("error");
    expect(err.message).toBe("Forbidden");
    const agents = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
    expect(agents.agents.map((a) => a.agentId)).not.toContain(sneaky);
    viewer.close();
  });
});

describe("REST auth matrix", () => {
  const create = (key: string | null) => stack.api("/api/cockpit/tasks", { key, method: "POST", body: JSON.stringify({ title: "t", executor: "shell" }) });

  it("401 without a key or with a wrong one, with the one error shape", async () => {
    for (const key of [null, "nope-nope-nope"]) {
      const res = await stack.api("/api/cockpit/tasks", { key });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unauthorized");
    }
  });

  it("viewers read, operators and admins write, agent keys do neither", async () => {
    expect((await stack.api("/api/cockpit/tasks", { key: keys.viewer })).status).toBe(200);
    expect((await create(keys.viewer)).status).toBe(403);
    expect((await create(keys.operator)).status).toBe(201);
    expect((await create(keys.admin)).status).toBe(201);
    expect((await stack.api("/api/cockpit/tasks", { key: keys.agent })).status).toBe(403);
    expect((await stack.api("/api/cockpit/alerts/ack/x", { key: keys.viewer, method: "POST" })).status).toBe(403);
  });

  it("only admins manage keys; a created key is stored hashed and works", async () => {
    const res = await stack.api("/api/cockpit/keys", { key: keys.operator, method: "POST", body: JSON.stringify({ name: "x", role: "admin" }) });
    expect(res.status).toBe(403);
    const list = (await (await stack.api("/api/cockpit/keys", { key: keys.admin })).json()) as { keys: Record<string, unknown>[] };
    expect(list.keys.length).toBeGreaterThanOrEqual(4);
    for (const k of list.keys) expect(JSON.stringify(k)).not.toContain(keys.viewer);
  });

  it("a revoked key stops working for REST at once and its sockets are closed", async () => {
    const res = await stack.api("/api/cockpit/keys", { key: keys.admin, method: "POST", body: JSON.stringify({ name: "temp", role: "viewer" }) });
    const created = (await res.json()) as { id: string; key: string };
    expect((await stack.api("/api/cockpit/tasks", { key: created.key })).status).toBe(200);
    const watcher = await RawAgent.connect(stack.wsUrl, created.key);
    expect((await stack.api(`/api/cockpit/keys/${created.id}`, { key: keys.admin, method: "DELETE" })).status).toBe(200);
    expect(await watcher.waitClose()).toEqual({ code: 4001, reason: "key revoked" });
    expect((await stack.api("/api/cockpit/tasks", { key: created.key })).status).toBe(401);
    expect((await stack.api(`/api/cockpit/keys/${created.id}`, { key: keys.admin, method: "DELETE" })).status).toBe(404);
  });

  it("a session cookie works for REST until its key is revoked, and cookie writes need our own origin", async () => {
    const res = await stack.api("/api/cockpit/keys", { key: keys.admin, method: "POST", body: JSON.stringify({ name: "browser", role: "operator" }) });
    const created = (await res.json()) as { id: string; key: string };
    const signIn = await fetch(`${stack.webUrl}/api/auth/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack.webUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ key: created.key }),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^cockpit_session=/);
    expect(cookie).not.toContain(created.key);
    const asBrowser = (path: string, init: RequestInit = {}) => fetch(`${stack.webUrl}${path}`, { ...init, headers: { cookie, ...init.headers } });
    expect((await asBrowser("/api/cockpit/tasks")).status).toBe(200);
    const alert = JSON.stringify({ severity: "info", title: "from a browser" });
    expect(
      (await asBrowser("/api/cockpit/alerts", { method: "POST", body: alert, headers: { "content-type": "application/json", origin: "http://evil.example" } }))
        .status,
    ).toBe(403);
    expect(
      (await asBrowser("/api/cockpit/alerts", { method: "POST", body: alert, headers: { "content-type": "application/json", origin: "not a url" } })).status,
    ).toBe(403);
    expect(
      (await asBrowser("/api/cockpit/alerts", { method: "POST", body: alert, headers: { "content-type": "application/json", origin: stack.webUrl } })).status,
    ).toBe(201);
    await stack.api(`/api/cockpit/keys/${created.id}`, { key: keys.admin, method: "DELETE" });
    expect((await asBrowser("/api/cockpit/tasks")).status).toBe(401);
  });
});
