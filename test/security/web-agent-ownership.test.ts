import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEntries, postBridge } from "../helpers/bridge";
import { RawAgent, eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

type Key = { id: string; key: string; name: string };
type AgentView = { agentId: string; connected: boolean; owner?: { keyId: string; name: string | null } | null };

let stack: Stack;
let alice: Key;
let mallory: Key;
let viewer: Key;
let operator: Key;

async function mintKey(name: string, role: string): Promise<Key> {
  const res = await stack.api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name, role }) });
  expect(res.status).toBe(201);
  return (await res.json()) as Key;
}

async function agentsAs(key?: string): Promise<AgentView[]> {
  const res = await stack.api("/api/cockpit/agents?all=true", key ? { key } : {});
  expect(res.status).toBe(200);
  return ((await res.json()) as { agents: AgentView[] }).agents;
}

const ownerOf = async (agentId: string) => (await agentsAs()).find((a) => a.agentId === agentId)?.owner;

/** One agent-status event as the hub forwards it, from a connection opened with `keyId`. */
const statusEvent = (id: string, agentId: string, keyId: string) => ({
  id,
  at: Date.now(),
  agentId,
  kind: "agent-status",
  keyId,
  frame: { type: "agent-status", agentId, status: "online" },
});

beforeAll(async () => {
  stack = await startStack();
  alice = await mintKey("alice", "agent");
  mallory = await mintKey("mallory", "agent");
  viewer = await mintKey("watcher", "viewer");
  operator = await mintKey("ops", "operator");
});
afterAll(async () => {
  await stack?.stop();
});

type ClaimAnswer = { agentId: string; ownerKeyId: string; granted: boolean };
const claim = async (claims: { agentId: string; keyId: string }[]) =>
  ((await (await postBridge(stack, "/api/hub/agent-claim", { claims })).json()) as { claims: ClaimAnswer[] }).claims;

describe("POST /api/hub/agent-claim", () => {
  it("binds an unowned id to exactly one of many keys racing for it, and tells every later claimant who owns it", async () => {
    const keyIds = Array.from({ length: 12 }, (_, i) => `key_racer_${i}`);
    const replies = (await Promise.all(keyIds.map((keyId) => claim([{ agentId: "race-box", keyId }])))).flat();
    const winners = replies.filter((r) => r.granted);
    expect(winners).toHaveLength(1);
    expect(new Set(replies.map((r) => r.ownerKeyId))).toEqual(new Set([winners[0]!.ownerKeyId]));

    expect(await claim([{ agentId: "race-box", keyId: "key_late" }])).toEqual([{ agentId: "race-box", ownerKeyId: winners[0]!.ownerKeyId, granted: false }]);
    expect((await auditEntries(stack, "agent.claim-refused")).some((e) => e.actor === "key_late" && e.target === "race-box")).toBe(true);
  });

  it("answers many claims in one request, in order, the same id twice included", async () => {
    const claims = Array.from({ length: 300 }, (_, i) => ({ agentId: `batch-box-${i}`, keyId: `key_batch_${i % 3}` }));
    const answers = await claim([...claims, { agentId: "batch-box-0", keyId: "key_batch_2" }]);
    expect(answers.slice(0, 300)).toEqual(claims.map((c) => ({ agentId: c.agentId, ownerKeyId: c.keyId, granted: true })));
    expect(answers[300]).toEqual({ agentId: "batch-box-0", ownerKeyId: "key_batch_0", granted: false });
  });

  it("refuses an unsigned claim, and a bad body with the field named", async () => {
    const one = (body: unknown, options?: { signed: boolean }) => postBridge(stack, "/api/hub/agent-claim", body, options);
    expect((await one({ claims: [{ agentId: "x-box", keyId: "key_x" }] }, { signed: false })).status).toBe(401);
    const field = async (body: unknown) => {
      const res = await one(body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { field: string } }).error.field;
    };
    expect(await field({ claims: [{ agentId: "x-box", keyId: "key_x" }, { agentId: "has space", keyId: "key_x" }] })).toBe("claims.1.agentId");
    expect(await field({ claims: [{ agentId: "x-box" }] })).toBe("claims.0.keyId");
    expect(await field({ claims: [] })).toBe("claims");
    expect(await field({ claims: Array.from({ length: 501 }, (_, i) => ({ agentId: `too-many-${i}`, keyId: "key_x" })) })).toBe("claims");
  });
});

describe("ownership at ingest", () => {
  it("gives an id to the key of its first agent-status and shows that owner to admins only", async () => {
    const agent = await RawAgent.connect(stack.wsUrl, alice.key);
    agent.send({ type: "agent-status", agentId: "alice-mac", status: "online" });
    expect(await eventually(() => ownerOf("alice-mac"), 10_000, "alice-mac owned")).toEqual({ keyId: alice.id, name: "alice" });
    for (const key of [viewer.key, operator.key]) {
      const seen = (await agentsAs(key)).find((a) => a.agentId === "alice-mac");
      expect(seen).toBeDefined();
      expect(seen).not.toHaveProperty("owner");
    }
    agent.close();
  });

  it("refuses and audits an agent-status from a key that does not own the id; the agent row keeps its owner", async () => {
    await eventually(async () => (await agentsAs()).find((a) => a.agentId === "alice-mac" && !a.connected), 10_000, "alice-mac offline");
    const res = await postBridge(stack, "/api/hub/events", { events: [statusEvent("forged-status-1", "alice-mac", mallory.id)] });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { changes: unknown[]; notices: { agentId: string; frame: { type: string; message: string } }[] };
    expect(reply.notices).toEqual([{ agentId: "alice-mac", frame: expect.objectContaining({ type: "error", message: "agentId is owned by another key" }) }]);
    expect(reply.changes).toEqual([]);
    const agentRow = (await agentsAs()).find((a) => a.agentId === "alice-mac");
    expect(agentRow).toMatchObject({ connected: false, owner: { keyId: alice.id, name: "alice" } });
    expect((await auditEntries(stack, "agent.claim-refused")).find((e) => e.target === "alice-mac")).toEqual({
      actor: mallory.id,
      target: "alice-mac",
      detail: { owner: alice.id, via: "ingest" },
    });
  });

  it("does not mark an id connected from a presence entry whose key does not own it", async () => {
    const entry = {
      agentId: "alice-mac",
      status: "online",
      capabilities: [],
      maxConcurrency: 1,
      extensions: [],
      connectedAt: Date.now(),
      lastPingAt: Date.now(),
    };
    const forged = await postBridge(stack, "/api/hub/events", { events: [], presence: [{ ...entry, keyId: mallory.id }] });
    expect(((await forged.json()) as { changes: { data: { agentId: string } }[] }).changes.map((c) => c.data.agentId)).not.toContain("alice-mac");
    expect((await agentsAs()).find((a) => a.agentId === "alice-mac")?.connected).toBe(false);
    const genuine = await postBridge(stack, "/api/hub/events", { events: [], presence: [{ ...entry, keyId: alice.id }] });
    expect(((await genuine.json()) as { changes: { data: { agentId: string; connected: boolean } }[] }).changes).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ agentId: "alice-mac", connected: true }) }),
    );
  });
});

describe("admin release and reassignment", () => {
  const release = (id: string, key?: string) => stack.api(`/api/cockpit/agents/${id}/release`, { method: "POST", ...(key ? { key } : {}) });
  const reassign = (id: string, body: unknown, key?: string) =>
    stack.api(`/api/cockpit/agents/${id}/owner`, { method: "PUT", body: JSON.stringify(body), ...(key ? { key } : {}) });

  it("reassigns an id to another key, after which that key's agent-status is accepted and the old key's is refused", async () => {
    const res = await reassign("alice-mac", { keyId: mallory.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agentId: "alice-mac", owner: { keyId: mallory.id, name: "mallory" }, previousKeyId: alice.id });
    expect(await ownerOf("alice-mac")).toEqual({ keyId: mallory.id, name: "mallory" });
    expect((await auditEntries(stack, "agent.owner")).at(-1)).toMatchObject({ target: "alice-mac", detail: { keyId: mallory.id, previousKeyId: alice.id } });

    const fromOld = (await (await postBridge(stack, "/api/hub/events", { events: [statusEvent("old-owner-status", "alice-mac", alice.id)] })).json()) as {
      notices: unknown[];
    };
    expect(fromOld.notices).toHaveLength(1);
    const fromNew = (await (await postBridge(stack, "/api/hub/events", { events: [statusEvent("new-owner-status", "alice-mac", mallory.id)] })).json()) as {
      notices: unknown[];
      changes: { entity: string; data: { agentId?: string } }[];
    };
    expect(fromNew.notices).toEqual([]);
    // Accepted: the agent row changes (presence may add its own change, e.g. a resolved lost alert).
    expect(fromNew.changes.filter((c) => c.entity === "agent" && c.data.agentId === "alice-mac")).toHaveLength(1);
  });

  it("releases an id so the next key to register it owns it", async () => {
    const res = await release("alice-mac");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ agentId: "alice-mac", ownerKeyId: null, previousKeyId: mallory.id });
    expect(await ownerOf("alice-mac")).toBeNull();
    expect((await auditEntries(stack, "agent.release")).at(-1)).toMatchObject({ target: "alice-mac", detail: { previousKeyId: mallory.id } });
    expect(await claim([{ agentId: "alice-mac", keyId: alice.id }])).toEqual([{ agentId: "alice-mac", ownerKeyId: alice.id, granted: true }]);
  });

  it("answers 404 for an unknown agent or key, 400 naming the field for a bad body or a key that cannot act as an agent, 403 for non-admins", async () => {
    expect((await release("nobody-here")).status).toBe(404);
    expect((await reassign("nobody-here", { keyId: alice.id })).status).toBe(404);
    const unknownKey = await reassign("alice-mac", { keyId: "key_00000000-0000-0000-0000-000000000000" });
    expect(unknownKey.status).toBe(404);
    expect(((await unknownKey.json()) as { error: { field: string } }).error.field).toBe("keyId");
    for (const body of [{}, { keyId: "" }, { keyId: 7 }, { keyId: alice.id, extra: true }]) {
      const bad = await reassign("alice-mac", body);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { field?: string } }).error.field).toBe(Object.keys(body).includes("extra") ? undefined : "keyId");
    }
    const viewerKey = await reassign("alice-mac", { keyId: viewer.id });
    expect(viewerKey.status).toBe(400);
    expect(((await viewerKey.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: "keyId",
      message: expect.stringContaining("cannot act as an agent"),
    });
    expect((await release("bad id!")).status).toBe(400);
    expect((await release("alice-mac", operator.key)).status).toBe(403);
    expect((await reassign("alice-mac", { keyId: alice.id }, operator.key)).status).toBe(403);
    expect(await ownerOf("alice-mac")).toEqual({ keyId: alice.id, name: "alice" });
  });
});
