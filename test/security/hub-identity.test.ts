/**
 * Who a connection is: an agentId belongs to the key that first registered it, live output counts only from the agent
 * holding the task, and only short-lived socket tokens of active keys open dashboard sockets.
 */
import { createClient } from "@libsql/client";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawAgent, eventually, type Frame } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

let stack: Stack;
beforeAll(async () => {
  // The owner's socket closes without a goodbye: its attempt must stay held while an intruder tries to finish it.
  stack = await startStack({ webEnv: { CRASHED_AGENT_GRACE_MS: "60000" } });
});
afterAll(async () => {
  await stack?.stop();
});

async function register(key: string, agentId: string, extensions: string[] = ["task-accepted", "task-log", "attempt"]): Promise<RawAgent> {
  const agent = await RawAgent.connect(stack.wsUrl, key);
  await agent.next("status-request");
  // Two slots: the owner still holds its first task when the next one is targeted at it.
  agent.send({ type: "agent-status", agentId, status: "online", extensions, maxConcurrency: 2 });
  return agent;
}

async function connected(agentId: string): Promise<boolean> {
  const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
  return body.agents.some((a) => a.agentId === agentId);
}

async function createTask(body: Record<string, unknown>): Promise<string> {
  const res = await stack.api("/api/cockpit/tasks", {
    method: "POST",
    body: JSON.stringify({ title: "identity", executor: "shell", payload: { command: "true" }, ...body }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { task: { id: string } }).task.id;
}

async function taskOf(id: string) {
  return ((await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as { task: { status: string; assignedAgentId: string | null; result: unknown } }).task;
}

/** A dashboard socket opened the way the browser does: sign in, mint a socket token, connect with ?token=. */
async function signIn(key: string): Promise<string> {
  const res = await fetch(`${stack.webUrl}/api/auth/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: stack.webUrl, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ key }),
  });
  expect(res.status).toBe(303);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function socketToken(cookie: string): Promise<string> {
  const res = await fetch(`${stack.webUrl}/api/auth/socket-token`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function dashboardStatus(token: string): Promise<number> {
  const ws = new WebSocket(`${stack.wsUrl}/parties/main/cockpit?token=${encodeURIComponent(token)}`);
  return new Promise((resolve) => {
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => undefined);
  });
}

describe("agent ids belong to the key that registered them", () => {
  it("refuses another agent key the id after its owner left, so it can neither finish the owner's task nor receive its next one", async () => {
    const [aliceKey, malloryKey] = [await stack.createKey("agent", "alice"), await stack.createKey("agent", "mallory")];
    const alice = await register(aliceKey, "alice-mac");
    await eventually(() => connected("alice-mac"), 10_000, "alice online");
    const running = await createTask({ targetAgentId: "alice-mac" });
    const frame = await alice.next("task");
    alice.send({ type: "task-accepted", taskId: running, attempt: frame.attempt });
    await eventually(async () => (await taskOf(running)).status === "running", 10_000, "running");
    alice.close();
    await eventually(async () => !(await connected("alice-mac")), 10_000, "alice gone");

    const mallory = await register(malloryKey, "alice-mac");
    const refused = await mallory.next("error");
    expect(refused).toMatchObject({ message: "agentId belongs to another key" });
    // Under its own name mallory may not finish alice's task either.
    mallory.send({ type: "agent-status", agentId: "mallory-box", status: "online" });
    await eventually(() => connected("mallory-box"), 10_000, "mallory online as itself");
    mallory.send({ type: "task-result", taskId: running, status: "completed", result: { forged: true } });
    await mallory.next((f) => f.type === "task-result-ack" && f.taskId === running && f.accepted === false);
    expect((await taskOf(running)).status).toBe("running");

    const next = await createTask({ targetAgentId: "alice-mac", payload: { command: "secret-payload" } });
    const back = await register(aliceKey, "alice-mac");
    const delivered = await back.next((f) => f.type === "task" && f.taskId === next, 15_000);
    expect(delivered.payload).toEqual({ command: "secret-payload" });
    expect(mallory.frames.some((f) => f.type === "task" && f.taskId === next)).toBe(false);
    back.close();
    mallory.close();
  });

  it("lets an admin release an id so another key can take it, and audits it", async () => {
    const [oldKey, newKey] = [await stack.createKey("agent", "old laptop"), await stack.createKey("agent", "new laptop")];
    const first = await register(oldKey, "roaming-mac");
    await eventually(() => connected("roaming-mac"), 10_000, "first owner online");
    const released = await stack.api("/api/cockpit/agents/roaming-mac/release", { method: "POST" });
    expect(released.status).toBe(200);
    expect((await first.waitClose()).code).toBe(4003);
    const second = await register(newKey, "roaming-mac");
    await eventually(() => connected("roaming-mac"), 10_000, "new owner online");
    expect(second.frames.some((f) => f.type === "error")).toBe(false);
    const db = createClient({ url: `file:${stack.dbPath}` });
    const rows = await db.execute({ sql: "SELECT action, target FROM cockpit_audit_log WHERE target LIKE ?", args: ["%roaming-mac%"] });
    db.close();
    expect(rows.rows.some((r) => String(r.action).includes("release"))).toBe(true);
    second.close();
  });
});

describe("live output", () => {
  it("is relayed to dashboards only from the agent that holds the task", async () => {
    const [holderKey, otherKey] = [await stack.createKey("agent", "holder"), await stack.createKey("agent", "other")];
    const dashboard = await RawAgent.dashboard(stack.wsUrl, stack.adminKey);
    const holder = await register(holderKey, "log-holder");
    const other = await register(otherKey, "log-other");
    await eventually(async () => (await connected("log-holder")) && (await connected("log-other")), 10_000, "both online");
    const id = await createTask({ targetAgentId: "log-holder" });
    const frame = await holder.next("task");
    holder.send({ type: "task-accepted", taskId: id, attempt: frame.attempt });
    other.send({ type: "task-log", taskId: id, seq: 0, chunk: "forged output\n" });
    expect(await other.next("error")).toMatchObject({ message: "task-log refused" });
    holder.send({ type: "task-log", taskId: id, seq: 0, chunk: "real output\n", attempt: frame.attempt });
    const relayed = await dashboard.next((f: Frame) => f.type === "task-log" && f.taskId === id);
    expect(relayed).toMatchObject({ agentId: "log-holder", chunk: "real output\n" });
    expect(dashboard.frames.some((f) => f.type === "task-log" && f.chunk === "forged output\n")).toBe(false);
    for (const s of [dashboard, holder, other]) s.close();
  });
});

describe("dashboard sockets", () => {
  it("open only with a socket token, never with the session cookie's token", async () => {
    const key = await stack.createKey("operator", "browser");
    const cookie = await signIn(key);
    const sessionToken = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
    expect(await dashboardStatus(sessionToken)).toBe(401);
    expect(await dashboardStatus(await socketToken(cookie))).toBe(101);
  });

  it("refuse a revoked key's socket token", async () => {
    const created = (await (await stack.api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name: "to revoke", role: "viewer" }) })).json()) as {
      id: string;
      key: string;
    };
    const token = await socketToken(await signIn(created.key));
    expect((await stack.api(`/api/cockpit/keys/${created.id}`, { method: "DELETE" })).status).toBe(200);
    await eventually(async () => (await dashboardStatus(token)) === 401, 15_000, "token refused after revocation");
  });
});
