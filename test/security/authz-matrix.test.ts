/**
 * Who may do what, generated from one table (authz-table.ts): every route × every credential, every agent → hub frame
 * type × every kind of connection. One real stack for the file; independent requests run in parallel.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/roles";
import { signedHeaders } from "@/lib/bridge/sign";
import { agentFrame, type AgentFrame } from "@/lib/protocol/agent-frames";
import { createKeyWithId, isErrorFrame, revokeKey, signInCookie, socketToken, SocketProbe, upgradeStatus, type KeyWithId } from "../helpers/authz";
import { eventually, type Frame } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { FRAMES_ABOUT_A_TASK, ROUTES, SAMPLE_FRAMES, type Access, type FrameContext, type RouteRow, type Samples } from "./authz-table";

const ROOT = join(import.meta.dirname, "..", "..");
const CREDENTIALS = ["no key", "wrong key", "revoked key", ...ROLES] as const;
type Credential = (typeof CREDENTIALS)[number];
/** Bridge routes are also tried the hub's way, and with what an attacker could forge. */
const BRIDGE_SIGNATURES = ["signed", "signed with another secret", "signed two minutes ago"] as const;
type Signature = (typeof BRIDGE_SIGNATURES)[number];

let stack: Stack;
let samples: Samples;
const keys = {} as Record<Credential, string | null>;

beforeAll(async () => {
  stack = await startStack();
  const made: Partial<Record<Role, KeyWithId>> = {};
  await Promise.all(ROLES.map(async (role) => (made[role] = await createKeyWithId(stack, role, `matrix ${role}`))));
  const revoked = await createKeyWithId(stack, "admin", "matrix revoked");
  await revokeKey(stack, revoked.id);
  Object.assign(keys, { "no key": null, "wrong key": "wrong-key-0123456789abcdef", "revoked key": revoked.key });
  for (const role of ROLES) keys[role] = made[role]!.key;
  samples = { activeKeyId: made.agent!.id };
});
afterAll(async () => {
  await stack?.stop();
});

// ROLES is ordered from least to most access; each role may do what the ones before it may (agent keys only speak frames).
const rank = (role: Role) => ROLES.indexOf(role);

function expectedVerdict(access: Access, credential: Credential | Signature): string {
  if (access === "public") return "allowed";
  if (access === "bridge-signed") return credential === "signed" ? "allowed" : "401";
  if (credential === "no key" || credential === "wrong key" || credential === "revoked key") return "401";
  return rank(credential as Role) >= rank(access) ? "allowed" : "403";
}

/** 401 and 403 are the answers under test; a socket opened (101) or any other answer below 500 got past authorization. */
function verdictOf(status: number): string {
  if (status === 401 || status === 403) return String(status);
  return status === 101 || (status >= 200 && status < 500) ? "allowed" : `server error ${status}`;
}

function baseOf(row: RouteRow): string {
  if (row.method === "UPGRADE") return stack.wsUrl;
  return row.service === "web" ? stack.webUrl : stack.hubUrl;
}

function bodyOf(row: RouteRow): { text?: string; type?: string } {
  const body = row.body?.(samples);
  if (!body) return {};
  if ("json" in body) return { text: JSON.stringify(body.json), type: "application/json" };
  return { text: new URLSearchParams(body.form).toString(), type: "application/x-www-form-urlencoded" };
}

async function statusWithKey(row: RouteRow, key: string | null): Promise<number> {
  const url = `${baseOf(row)}${row.path}`;
  const auth: Record<string, string> = key && row.credentialIn !== "query" ? { authorization: `Bearer ${key}` } : {};
  if (row.method === "UPGRADE") {
    return upgradeStatus(key && row.credentialIn === "query" ? `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(key)}` : url, auth);
  }
  const { text, type } = bodyOf(row);
  // Sent as our own page would: same origin (sign-in and sign-out refuse other sites).
  const headers = { origin: stack.webUrl, ...auth, ...(type ? { "content-type": type } : {}) };
  const res = await fetch(url, { method: row.method, headers, body: text, redirect: "manual", signal: AbortSignal.timeout(20_000) });
  await res.body?.cancel();
  return res.status;
}

async function statusSigned(row: RouteRow, how: Signature, nonce: number): Promise<number> {
  const text = bodyOf(row).text ?? "";
  const secret = how === "signed with another secret" ? `${stack.secret}-not` : stack.secret;
  // A distinct timestamp per request: the same signature twice would be refused as a replay.
  const now = (how === "signed two minutes ago" ? Date.now() - 120_000 : Date.now()) - nonce;
  const res = await fetch(`${baseOf(row)}${row.path}`, {
    method: row.method,
    headers: await signedHeaders(secret, text, now),
    body: text,
    signal: AbortSignal.timeout(20_000),
  });
  await res.body?.cancel();
  return res.status;
}

describe("every route × every credential", () => {
  it.each(ROUTES.map((row) => [`${row.service} ${row.method} ${row.path} (${row.access})`, row] as const))("%s", async (_name, row) => {
    const columns: (Credential | Signature)[] = [...CREDENTIALS, ...(row.access === "bridge-signed" ? BRIDGE_SIGNATURES : [])];
    const observed = await Promise.all(
      columns.map(async (column, i) => {
        const status = (BRIDGE_SIGNATURES as readonly string[]).includes(column)
          ? await statusSigned(row, column as Signature, i)
          : await statusWithKey(row, keys[column as Credential]);
        return [column, verdictOf(status)] as const;
      }),
    );
    expect(Object.fromEntries(observed)).toEqual(Object.fromEntries(columns.map((c) => [c, expectedVerdict(row.access, c)])));
  });
});

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

describe("the table is complete", () => {
  it("has a row for every method exported by every app/api route.ts, and no row for a route that is gone", () => {
    const onDisk = routeFiles(join(ROOT, "app", "api")).flatMap((file) => {
      const route = "/" + relative(join(ROOT, "app"), file).split(sep).slice(0, -1).join("/");
      const methods = [...readFileSync(file, "utf8").matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)];
      return methods.map((m) => `${m[1]} ${route}`);
    });
    expect(onDisk.length).toBeGreaterThan(20);
    const inTable = ROUTES.filter((r) => r.service === "web").map((r) => `${r.method} ${r.route}`);
    expect([...new Set(inTable)].sort()).toEqual([...new Set(onDisk)].sort());
    expect(inTable.length).toBe(new Set(inTable).size);
  });

  it("has a row for every path the hub's worker routes (party/cockpit.ts)", () => {
    const source = readFileSync(join(ROOT, "party", "cockpit.ts"), "utf8");
    const paths = [...source.matchAll(/pathname\s*[!=]==\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    const hubRoutes = new Set(ROUTES.filter((r) => r.service === "hub").map((r) => r.route));
    expect(paths.filter((p) => !hubRoutes.has(p))).toEqual([]);
    expect(hubRoutes.has("/parties/main/cockpit")).toBe(true);
  });

  it("fills each row's route with sample ids and nothing else", () => {
    for (const row of ROUTES) {
      const pattern = new RegExp(`^${row.route.replace(/\[[^\]]+\]/g, "[A-Za-z0-9._:@-]+")}(\\?.*)?$`);
      expect(row.path, row.route).toMatch(pattern);
    }
  });
});

// ---- frames ----------------------------------------------------------------------------------------------------

type ConnectionKind = { name: string; role: Role; speaksAs: "agent" | "dashboard"; open: () => Promise<SocketProbe> };
const FRAME_TYPES = agentFrame.options.map((o) => o.shape.type.value);

function connectionKinds(): ConnectionKind[] {
  const bearer = (key: string | null) => ({ authorization: `Bearer ${key}` });
  const dashboardByToken = async (role: Role) => {
    const token = await socketToken(stack.webUrl, await signInCookie(stack.webUrl, keys[role]!));
    return SocketProbe.open(`${stack.wsUrl}/parties/main/cockpit?token=${encodeURIComponent(token)}`);
  };
  return [
    { name: "agent key", role: "agent", speaksAs: "agent", open: () => SocketProbe.open(`${stack.wsUrl}/api/ws`, bearer(keys.agent)) },
    { name: "admin key", role: "admin", speaksAs: "agent", open: () => SocketProbe.open(`${stack.wsUrl}/api/ws`, bearer(keys.admin)) },
    { name: "viewer key", role: "viewer", speaksAs: "dashboard", open: () => SocketProbe.open(`${stack.wsUrl}/api/ws`, bearer(keys.viewer)) },
    { name: "viewer socket token", role: "viewer", speaksAs: "dashboard", open: () => dashboardByToken("viewer") },
    { name: "operator socket token", role: "operator", speaksAs: "dashboard", open: () => dashboardByToken("operator") },
    {
      name: "admin ?as=dashboard",
      role: "admin",
      speaksAs: "dashboard",
      open: () => SocketProbe.open(`${stack.wsUrl}/api/ws?as=dashboard`, bearer(keys.admin)),
    },
  ];
}

function expectedAnswer(type: AgentFrame["type"], kind: ConnectionKind): string {
  if (type === "pong" || kind.speaksAs === "agent") return "accepted";
  return `Forbidden: a ${kind.role} connection may not send ${type} frames`;
}

async function connectedAgentIds(): Promise<string[]> {
  const body = (await (await stack.api("/api/cockpit/agents")).json()) as { agents: { agentId: string }[] };
  return body.agents.map((a) => a.agentId);
}

async function agentJsonOf(id: string): Promise<{ lastSleep: unknown } | null> {
  const res = await stack.api(`/api/cockpit/agents/${id}`);
  return res.ok ? ((await res.json()) as { agent: { lastSleep: unknown } }).agent : null;
}

async function metricsCountOf(id: string): Promise<number> {
  const res = await stack.api(`/api/cockpit/agents/${id}/metrics?range=24h`);
  return res.ok ? ((await res.json()) as { samples: unknown[] }).samples.length : 0;
}

async function taskStatus(id: string): Promise<string> {
  return ((await (await stack.api(`/api/cockpit/tasks/${id}`)).json()) as { task: { status: string } }).task.status;
}

/** Registers the agent and, for frames about a task, gives it one; returns what the sample frame refers to. */
async function prepareAgent(probe: SocketProbe, c: FrameContext, type: AgentFrame["type"]): Promise<FrameContext> {
  await probe.next((f) => f.type === "status-request");
  if (type === "agent-status") return c;
  probe.send(SAMPLE_FRAMES["agent-status"](c));
  await eventually(async () => (await connectedAgentIds()).includes(c.agentId), 15_000, `${c.agentId} connected`);
  if (!FRAMES_ABOUT_A_TASK.has(type)) return c;
  const res = await stack.api("/api/cockpit/tasks", {
    method: "POST",
    body: JSON.stringify({ title: "frame matrix", executor: "shell", targetAgentId: c.agentId }),
  });
  const taskId = ((await res.json()) as { task: { id: string } }).task.id;
  const task = await probe.next((f) => f.type === "task" && f.taskId === taskId, 0, 15_000);
  return { ...c, taskId, attempt: typeof task.attempt === "number" ? task.attempt : 1 };
}

/** The positive effect that shows an agent's frame was taken: stored by the web, acknowledged, or relayed live. */
function acceptedEffect(type: AgentFrame["type"], c: FrameContext, probe: SocketProbe, from: number, watcher: SocketProbe): Promise<unknown> {
  switch (type) {
    case "agent-status":
      return eventually(async () => (await connectedAgentIds()).includes(c.agentId), 15_000, "agent listed");
    case "git-status":
      return eventually(
        async () => JSON.stringify(await (await stack.api(`/api/cockpit/repos?agentId=${c.agentId}`)).json()).includes(c.repoPath),
        15_000,
        "repo stored",
      );
    case "task-result":
      return probe.next((f) => f.type === "task-result-ack" && f.taskId === c.taskId && f.accepted === true, from, 15_000);
    case "task-accepted":
      return eventually(async () => (await taskStatus(c.taskId)) === "running", 15_000, "task running");
    case "task-log":
      return watcher.next((f) => f.type === "task-log" && f.taskId === c.taskId && f.agentId === c.agentId, 0, 15_000);
    case "agent-wake":
      return eventually(
        async () => {
          const agent = await agentJsonOf(c.agentId);
          return agent !== null && agent.lastSleep !== null;
        },
        15_000,
        "sleep stored",
      );
    case "agent-metrics":
      return eventually(async () => (await metricsCountOf(c.agentId)) > 0, 15_000, "sample stored");
    case "session-event":
      return eventually(
        async () => JSON.stringify(await (await stack.api("/api/cockpit/sessions")).json()).includes(`s-${c.agentId}`),
        15_000,
        "session stored",
      );
    case "pong":
    case "agent-goodbye":
      // Nothing to store at once (a goodbye shows when the socket closes): being taken means no error before the barrier.
      return Promise.resolve();
  }
}

const describeError = (f: Frame) => `${String(f.message)}: ${String((f.details as { message?: unknown }[])[0]?.message ?? "")}`;

async function observeAnswer(type: AgentFrame["type"], kind: ConnectionKind, watcher: SocketProbe): Promise<string> {
  const probe = await kind.open();
  try {
    const slug = `${type}-${kind.name}`.replace(/[^A-Za-z0-9]+/g, "-");
    let c: FrameContext = { agentId: `fm-${slug}`, taskId: `fm-task-${slug}`, attempt: 1, repoPath: `/src/fm-${slug}` };
    if (kind.speaksAs === "agent") c = await prepareAgent(probe, c, type);
    const from = probe.frames.length;
    probe.send(SAMPLE_FRAMES[type](c));
    const effect =
      kind.speaksAs === "agent"
        ? await acceptedEffect(type, c, probe, from, watcher).then(
            () => null,
            (e: unknown) => `no effect: ${String(e)}`,
          )
        : null;
    const errors = (await probe.barrier(from)).filter(isErrorFrame);
    if (errors.length > 0) return errors.map(describeError).join(" | ");
    return effect ?? "accepted";
  } finally {
    probe.close();
  }
}

describe("every agent → hub frame type × every connection kind", () => {
  let watcher: SocketProbe;
  beforeAll(async () => {
    watcher = await SocketProbe.open(`${stack.wsUrl}/api/ws?as=dashboard`, { authorization: `Bearer ${keys.admin}` });
  });
  afterAll(() => watcher?.close());

  it("covers the protocol's whole frame list", () => {
    expect(FRAME_TYPES.length).toBeGreaterThanOrEqual(4);
    for (const type of FRAME_TYPES)
      expect(agentFrame.safeParse(SAMPLE_FRAMES[type]({ agentId: "a", taskId: "t", attempt: 1, repoPath: "/r" })).success).toBe(true);
  });

  it.each(FRAME_TYPES)("%s", async (type) => {
    const kinds = connectionKinds();
    const observed = await Promise.all(kinds.map(async (kind) => [kind.name, await observeAnswer(type, kind, watcher)] as const));
    expect(Object.fromEntries(observed)).toEqual(Object.fromEntries(kinds.map((k) => [k.name, expectedAnswer(type, k)])));
  });
});
