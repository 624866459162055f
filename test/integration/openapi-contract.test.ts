import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Contract } from "../helpers/openapi-contract";
import { parseStrict, sampleValue } from "../helpers/prometheus";
import { connectAgent, uid, waitForStatus } from "../helpers/api";
import type { RawAgent } from "../helpers/raw-agent";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";
import { exerciseAlertLifecycleAndNotifications, exerciseFleetRoutes } from "../helpers/openapi-contract-cases";
import { exerciseTemplates } from "../helpers/openapi-contract-templates";

let stack: Stack;
let contract: Contract;
let agent: RawAgent;
let viewerKey: string;
const agentId = uid("contract-agent");

beforeAll(async () => {
  stack = await startStack();
  const res = await fetch(`${stack.webUrl}/api/cockpit/openapi.json`);
  expect(res.status).toBe(200);
  contract = new Contract((await res.json()) as ConstructorParameters<typeof Contract>[0]);
  viewerKey = await stack.createKey("viewer");
  agent = await connectAgent(stack, agentId, { capabilities: ["contract"] });
  agent.send({
    type: "git-status",
    repos: [{ id: "repo-1", path: "/src/app", name: "app", branch: "main", status: "dirty", uncommittedCount: 2, modifiedFiles: ["a.ts"] }],
  });
  await eventually(
    async () => ((await (await stack.api(`/api/cockpit/repos?agentId=${agentId}`)).json()) as { total: number }).total === 1,
    10_000,
    "repo stored",
  );
});
afterAll(async () => {
  agent?.close();
  await stack?.stop();
});

const json = (body: unknown): RequestInit => ({ method: "POST", body: JSON.stringify(body) });
const check = (method: string, template: string, res: Response) => contract.check(method, template, res);

describe("real responses match the document", () => {
  it("tasks: create, list, show, cancel, retry, bulk, and their errors", async () => {
    const created = (await check(
      "post",
      "/api/cockpit/tasks",
      await stack.api("/api/cockpit/tasks", json({ title: "contract", executor: "shell", targetAgentId: agentId })),
    )) as { task: { id: string } };
    const frame = await agent.next((f) => f.type === "task" && f.taskId === created.task.id);
    agent.send({ type: "task-result", taskId: frame.taskId, status: "completed", result: { ok: true }, logs: "done\n" });
    await waitForStatus(stack, created.task.id, "completed");
    await check("get", "/api/cockpit/tasks/{id}", await stack.api(`/api/cockpit/tasks/${created.task.id}`));
    await check("post", "/api/cockpit/tasks/{id}/retry", await stack.api(`/api/cockpit/tasks/${created.task.id}/retry`, { method: "POST" }));
    await check("post", "/api/cockpit/tasks/{id}/cancel", await stack.api(`/api/cockpit/tasks/${created.task.id}/cancel`, { method: "POST" }));
    await check("get", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks?limit=1"));
    await check("post", "/api/cockpit/tasks/bulk/retry", await stack.api("/api/cockpit/tasks/bulk/retry", json({ ids: [created.task.id] })));
    await check("post", "/api/cockpit/tasks/bulk/cancel", await stack.api("/api/cockpit/tasks/bulk/cancel", json({ ids: [created.task.id] })));

    const bad = (await check("post", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks", json({ title: "x", executor: "bad executor!" })))) as {
      error: { field: string };
    };
    expect(bad.error.field).toBe("executor");
    await check("post", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks", { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }));
    await check("post", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks", { ...json({ title: "x", executor: "shell" }), key: viewerKey }));
    await check("post", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks", json({ id: created.task.id, title: "x", executor: "shell" })));
    await check("get", "/api/cockpit/tasks/{id}", await stack.api("/api/cockpit/tasks/no-such-task"));
    await check("get", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks?status=bogus"));
    await check("get", "/api/cockpit/tasks", await stack.api("/api/cockpit/tasks", { key: null }));
    await check("post", "/api/cockpit/tasks/{id}/cancel", await stack.api(`/api/cockpit/tasks/${created.task.id}/cancel`, { method: "POST" }));
  });

  it("alerts: raise, list, acknowledge, and their errors", async () => {
    const raised = (await check(
      "post",
      "/api/cockpit/alerts",
      await stack.api("/api/cockpit/alerts", json({ severity: "warning", title: "disk", metadata: { host: "a" } })),
    )) as { alert: { id: string } };
    await check("get", "/api/cockpit/alerts", await stack.api("/api/cockpit/alerts?acknowledged=false"));
    await check("post", "/api/cockpit/alerts/ack/{id}", await stack.api(`/api/cockpit/alerts/ack/${raised.alert.id}`, { method: "POST" }));
    await check("post", "/api/cockpit/alerts/ack/{id}", await stack.api("/api/cockpit/alerts/ack/nope", { method: "POST" }));
    await check("post", "/api/cockpit/alerts", await stack.api("/api/cockpit/alerts", json({ severity: "loud", title: "x" })));
  });

  it("agents, repos, keys, session token, health, metrics and the document itself", async () => {
    const agents = (await check("get", "/api/cockpit/agents", await stack.api("/api/cockpit/agents"))) as { agents: { agentId: string }[] };
    expect(agents.agents.map((a) => a.agentId)).toContain(agentId);
    await check("get", "/api/cockpit/agents", await stack.api("/api/cockpit/agents?all=true", { key: viewerKey }));
    const repos = (await check("get", "/api/cockpit/repos", await stack.api(`/api/cockpit/repos?agentId=${agentId}`))) as { repos: unknown[] };
    expect(repos.repos).toHaveLength(1);
    // Metrics before the owner change below, which closes the agent's socket.
    const metrics = (await check("get", "/api/metrics", await stack.api("/api/metrics"))) as string;
    const families = parseStrict(metrics);
    expect(sampleValue(families, "cockpit_tasks", { status: "cancelled" })).toBeGreaterThanOrEqual(1);
    const connected = ["online", "busy", "idle"].map((state) => sampleValue(families, "cockpit_agents", { state }) ?? 0);
    expect(connected.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(families, "cockpit_alerts_open", { severity: "critical" })).toBe(0);
    // The contract task was claimed by the agent and its result ingested: both histograms have observations.
    for (const name of ["cockpit_dispatch_latency_seconds", "cockpit_ingest_delay_seconds", "cockpit_ingest_batch_events"]) {
      expect(Number(families.find((f) => f.name === name)?.metrics[0]?.count)).toBeGreaterThan(0);
    }
    await check("get", "/api/metrics", await stack.api("/api/metrics", { key: null }));

    const created = (await check("post", "/api/cockpit/keys", await stack.api("/api/cockpit/keys", json({ name: "contract agent", role: "agent" })))) as {
      id: string;
    };
    await check("get", "/api/cockpit/keys", await stack.api("/api/cockpit/keys"));
    await check("get", "/api/cockpit/keys", await stack.api("/api/cockpit/keys", { key: viewerKey }));
    await check(
      "put",
      "/api/cockpit/agents/{id}/owner",
      await stack.api(`/api/cockpit/agents/${agentId}/owner`, { method: "PUT", body: JSON.stringify({ keyId: created.id }) }),
    );
    await check(
      "put",
      "/api/cockpit/agents/{id}/owner",
      await stack.api(`/api/cockpit/agents/${agentId}/owner`, { method: "PUT", body: JSON.stringify({ keyId: 7 }) }),
    );
    await check("post", "/api/cockpit/agents/{id}/release", await stack.api(`/api/cockpit/agents/${agentId}/release`, { method: "POST" }));
    await check("post", "/api/cockpit/agents/{id}/release", await stack.api("/api/cockpit/agents/nobody/release", { method: "POST" }));
    await check("delete", "/api/cockpit/keys/{id}", await stack.api(`/api/cockpit/keys/${created.id}`, { method: "DELETE" }));
    await check("delete", "/api/cockpit/keys/{id}", await stack.api(`/api/cockpit/keys/${created.id}`, { method: "DELETE" }));
    await check("delete", "/api/cockpit/keys/{id}", await stack.api("/api/cockpit/keys/not-a-key", { method: "DELETE" }));

    await check("get", "/api/auth/socket-token", await stack.api("/api/auth/socket-token"));
    await check("get", "/api/health", await fetch(`${stack.webUrl}/api/health`));
    // The room runs in the mode this suite was started with (HUB_HIBERNATE=1 runs it hibernatable).
    const hub = (await (await fetch(`${stack.hubUrl}/health`)).json()) as { hibernate: boolean };
    expect(hub.hibernate).toBe(process.env.HUB_HIBERNATE === "1");
    await check("get", "/api/cockpit/openapi.json", await fetch(`${stack.webUrl}/api/cockpit/openapi.json`));
  });

  // After the metrics check above, which counts open critical alerts: an agent leaving may raise one.
  it("alert lifecycle, signed ack link, notification channels and rules", () => exerciseAlertLifecycleAndNotifications({ stack, check }));

  it("bulk create, task logs, analytics, agent page and metrics, pause/resume, sessions, approvals, work at risk", () =>
    exerciseFleetRoutes({ stack, check }));

  it("task templates: define, read, change, run (a repeated id is a 409), delete", () => exerciseTemplates({ stack, check }, { id: "repo-1", agentId }, viewerKey));

  it("every documented operation was exercised above", () => {
    expect([...contract.exercised].sort()).toEqual(contract.operations().sort());
  });
});

// Last: the validator blocks the event loop for seconds, long enough for the web to close an idle keep-alive socket
// unnoticed, and the next request on it then fails with "other side closed".
describe("the served OpenAPI document", () => {
  it("passes the OpenAPI 3.1 validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(contract.doc) as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
