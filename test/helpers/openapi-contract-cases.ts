/** The contract test's cases for the routes the merges added; they share its stack, agent and Contract. */
import { createECDH, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { connectAgent, TASK_EXTENSIONS, uid, waitForStatus } from "./api";
import { eventually, type RawAgent } from "./raw-agent";
import type { Stack } from "./stack";

export type ContractContext = {
  stack: Stack;
  check: (method: string, template: string, res: Response) => Promise<unknown>;
};

const json = (body: unknown, method = "POST"): RequestInit => ({ method, body: JSON.stringify(body) });

/** Alert detail, resolve, snooze, bulk, dedupKey events, the signed-link form; channels and rules. */
export async function exerciseAlertLifecycleAndNotifications({ stack, check }: ContractContext): Promise<void> {
  const dedupKey = uid("contract-key");
  const first = (await check("post", "/api/cockpit/alerts", await stack.api("/api/cockpit/alerts", json({ severity: "info", title: "lifecycle", dedupKey })))) as {
    alert: { id: string };
    outcome: string;
  };
  expect(first.outcome).toBe("created");
  const repeat = (await check("post", "/api/cockpit/alerts", await stack.api("/api/cockpit/alerts", json({ severity: "info", title: "lifecycle", dedupKey })))) as {
    outcome: string;
  };
  expect(repeat.outcome).toBe("repeated");
  const id = first.alert.id;
  const detail = (await check("get", "/api/cockpit/alerts/{id}", await stack.api(`/api/cockpit/alerts/${id}`))) as { alert: { count: number }; events: { type: string }[] };
  expect(detail.alert.count).toBe(2);
  expect(detail.events.map((e) => e.type)).toContain("triggered");
  await check("get", "/api/cockpit/alerts/{id}", await stack.api("/api/cockpit/alerts/no-such-alert"));
  await check("post", "/api/cockpit/alerts/{id}/snooze", await stack.api(`/api/cockpit/alerts/${id}/snooze`, json({ minutes: 30 })));
  await check("post", "/api/cockpit/alerts/{id}/snooze", await stack.api(`/api/cockpit/alerts/${id}/snooze`, json({ until: "2000-01-01T00:00:00Z" })));
  // Undo an acknowledgement (the swipe's Undo): open again; a second undo changes nothing; an unknown alert is 404.
  expect((await stack.api(`/api/cockpit/alerts/ack/${id}`, { method: "POST" })).status).toBe(200);
  const undone = (await check("post", "/api/cockpit/alerts/{id}/unacknowledge", await stack.api(`/api/cockpit/alerts/${id}/unacknowledge`, { method: "POST" }))) as {
    alert: { status: string };
    changed: boolean;
  };
  expect(undone).toMatchObject({ alert: { status: "open" }, changed: true });
  await check("post", "/api/cockpit/alerts/{id}/unacknowledge", await stack.api(`/api/cockpit/alerts/${id}/unacknowledge`, { method: "POST" }));
  await check("post", "/api/cockpit/alerts/{id}/unacknowledge", await stack.api("/api/cockpit/alerts/no-such-alert/unacknowledge", { method: "POST" }));
  const bulk = (await check("post", "/api/cockpit/alerts/bulk", await stack.api("/api/cockpit/alerts/bulk", json({ action: "acknowledge", ids: [id, "no-such-alert"] })))) as {
    missing: string[];
  };
  expect(bulk.missing).toEqual(["no-such-alert"]);
  const resolved = (await check("post", "/api/cockpit/alerts/{id}/resolve", await stack.api(`/api/cockpit/alerts/${id}/resolve`, { method: "POST" }))) as {
    alreadyResolved: boolean;
  };
  expect(resolved.alreadyResolved).toBe(false);
  await check("post", "/api/cockpit/alerts/{id}/resolve", await stack.api(`/api/cockpit/alerts/${id}/resolve`, json({ reason: "again" })));
  const byKey = (await check("post", "/api/cockpit/alerts", await stack.api("/api/cockpit/alerts", json({ action: "resolve", dedupKey })))) as { changed: boolean };
  expect(byKey.changed).toBe(false);

  // The signed link's form: a forged token is refused, still as a redirect to the result page.
  const form = await fetch(`${stack.webUrl}/api/alerts/ack-link`, { method: "POST", body: new URLSearchParams({ t: "forged" }), redirect: "manual" });
  expect(form.headers.get("x-ack-outcome")).toBe("invalid");
  await check("post", "/api/alerts/ack-link", form);

  const channel = (await check(
    "post",
    "/api/cockpit/channels",
    await stack.api("/api/cockpit/channels", json({ name: "contract hook", type: "webhook", config: { url: "http://127.0.0.1:9/hook", secret: "0123456789abcdef" } })),
  )) as { channel: { id: string; config: { secret: string } } };
  expect(channel.channel.config.secret).not.toBe("0123456789abcdef");
  await check("post", "/api/cockpit/channels", await stack.api("/api/cockpit/channels", json({ name: "bad", type: "webhook", config: { url: "ftp://x" } })));
  await check("get", "/api/cockpit/channels", await stack.api("/api/cockpit/channels"));
  const cid = channel.channel.id;
  await check("patch", "/api/cockpit/channels/{id}", await stack.api(`/api/cockpit/channels/${cid}`, json({ enabled: false }, "PATCH")));
  const test = (await check("post", "/api/cockpit/channels/{id}/test", await stack.api(`/api/cockpit/channels/${cid}/test`, { method: "POST" }))) as { ok: boolean };
  expect(test.ok).toBe(false); // nothing listens on port 9

  const rule = (await check("post", "/api/cockpit/rules", await stack.api("/api/cockpit/rules", json({ name: "contract rule", channelIds: [cid] })))) as {
    rule: { id: string };
  };
  await check("post", "/api/cockpit/rules", await stack.api("/api/cockpit/rules", json({ name: "orphan", channelIds: ["no-such-channel"] })));
  await check("get", "/api/cockpit/rules", await stack.api("/api/cockpit/rules"));
  const edited = (await check(
    "patch",
    "/api/cockpit/rules/{id}",
    await stack.api(`/api/cockpit/rules/${rule.rule.id}`, json({ name: "contract rule, edited", repeatMinutes: 30 }, "PATCH")),
  )) as { rule: { name: string; repeatMinutes: number; channelIds: string[] } };
  expect(edited.rule).toMatchObject({ name: "contract rule, edited", repeatMinutes: 30, channelIds: [cid] });
  await check("patch", "/api/cockpit/rules/{id}", await stack.api(`/api/cockpit/rules/${rule.rule.id}`, json({ escalateAfterMinutes: 5 }, "PATCH")));
  await check("patch", "/api/cockpit/rules/{id}", await stack.api("/api/cockpit/rules/no-such-rule", json({ name: "x" }, "PATCH")));
  await check("delete", "/api/cockpit/rules/{id}", await stack.api(`/api/cockpit/rules/${rule.rule.id}`, { method: "DELETE" }));
  await check("delete", "/api/cockpit/rules/{id}", await stack.api(`/api/cockpit/rules/${rule.rule.id}`, { method: "DELETE" }));
  await check("delete", "/api/cockpit/channels/{id}", await stack.api(`/api/cockpit/channels/${cid}`, { method: "DELETE" }));
  await check("delete", "/api/cockpit/channels/{id}", await stack.api(`/api/cockpit/channels/${cid}`, { method: "DELETE" }));

  const silence = (await check(
    "post",
    "/api/cockpit/silences",
    await stack.api("/api/cockpit/silences", json({ source: uid("contract-source"), minutes: 30, comment: "contract" })),
  )) as { silence: { id: string; state: string } };
  expect(silence.silence.state).toBe("active");
  await check("post", "/api/cockpit/silences", await stack.api("/api/cockpit/silences", json({ minutes: 30, comment: "everything" })));
  await check("get", "/api/cockpit/silences", await stack.api("/api/cockpit/silences?state=all"));
  await check("get", "/api/cockpit/silences", await stack.api("/api/cockpit/silences?state=later"));
  await check("post", "/api/cockpit/silences/{id}/expire", await stack.api(`/api/cockpit/silences/${silence.silence.id}/expire`, { method: "POST" }));
  await check("post", "/api/cockpit/silences/{id}/expire", await stack.api("/api/cockpit/silences/no-such-silence/expire", { method: "POST" }));
  await exercisePushRoutes({ stack, check });
}

/** Web Push: the VAPID key and a device subscribing, listed, refused with bad keys, and revoked. */
async function exercisePushRoutes({ stack, check }: ContractContext): Promise<void> {
  await check("get", "/api/cockpit/push/key", await stack.api("/api/cockpit/push/key"));
  const channel = (await (await stack.api("/api/cockpit/channels", json({ name: "contract push", type: "webpush", config: {} }))).json()) as { channel: { id: string } };
  const keys = { p256dh: createECDH("prime256v1").generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") };
  const body = (k: typeof keys) => json({ channelId: channel.channel.id, deviceName: "contract phone", subscription: { endpoint: "http://127.0.0.1:9/push/contract", keys: k } });
  const made = (await check("post", "/api/cockpit/push/subscriptions", await stack.api("/api/cockpit/push/subscriptions", body(keys)))) as { subscription: { id: string } };
  await check("post", "/api/cockpit/push/subscriptions", await stack.api("/api/cockpit/push/subscriptions", body({ ...keys, auth: "AA" })));
  await check("get", "/api/cockpit/push/subscriptions", await stack.api("/api/cockpit/push/subscriptions"));
  await check("delete", "/api/cockpit/push/subscriptions", await stack.api("/api/cockpit/push/subscriptions", json({ id: made.subscription.id }, "DELETE")));
  await check("delete", "/api/cockpit/push/subscriptions", await stack.api("/api/cockpit/push/subscriptions", json({ id: made.subscription.id }, "DELETE")));
  await stack.api(`/api/cockpit/channels/${channel.channel.id}`, { method: "DELETE" });
}

/** Bulk creation, live logs, analytics; the agent's page, metrics, pause/resume; sessions and approvals; work at risk. */
export async function exerciseFleetRoutes({ stack, check }: ContractContext): Promise<void> {
  // An agent of its own that streams output and reports sessions; the suite's main agent keeps its own story.
  const agentId = uid("contract-fleet");
  const agent = await connectAgent(stack, agentId, { capabilities: ["contract"], extensions: [...TASK_EXTENSIONS, "session-event"] });
  try {
    await exerciseFleetRoutesWith({ stack, check }, agent, agentId);
  } finally {
    agent.close();
  }
}

async function exerciseFleetRoutesWith({ stack, check }: ContractContext, agent: RawAgent, agentId: string): Promise<void> {
  agent.send({
    type: "git-status",
    repos: [{ id: "repo-fleet", path: "/src/fleet", name: "fleet", branch: "main", status: "dirty", uncommittedCount: 1, modifiedFiles: ["b.ts"] }],
  });
  const ids = [uid("bulk-a"), uid("bulk-b")];
  const items = [
    { id: ids[0], title: "bulk one", executor: "shell", targetAgentId: agentId },
    { id: ids[1], title: "bulk two", executor: "shell", targetAgentId: agentId },
    { title: "refused", executor: "bad executor!" },
  ];
  const bulk = (await check("post", "/api/cockpit/tasks/bulk", await stack.api("/api/cockpit/tasks/bulk", json({ tasks: items })))) as {
    created: unknown[];
    errors: { index: number; field: string }[];
  };
  expect(bulk.created).toHaveLength(2);
  expect(bulk.errors).toEqual([expect.objectContaining({ index: 2, field: "executor" })]);
  const again = (await check("post", "/api/cockpit/tasks/bulk", await stack.api("/api/cockpit/tasks/bulk", json({ tasks: items.slice(0, 2) })))) as {
    existing: unknown[];
  };
  expect(again.existing).toHaveLength(2);
  await check("post", "/api/cockpit/tasks/bulk", await stack.api("/api/cockpit/tasks/bulk", json({ tasks: [] })));

  // The agent runs the first one and streams output: the logs route pages it, and downloads it as text.
  const taskId = ids[0]!;
  await agent.next((f) => f.type === "task" && f.taskId === taskId);
  agent.send({ type: "task-accepted", taskId: taskId });
  agent.send({ type: "task-log", taskId: taskId, seq: 0, chunk: "hello contract\n" });
  agent.send({ type: "task-result", taskId: taskId, status: "completed", result: { ok: true } });
  await waitForStatus(stack, taskId, "completed");
  const logs = (await check("get", "/api/cockpit/tasks/{id}/logs", await stack.api(`/api/cockpit/tasks/${taskId}/logs`))) as { chunks: { chunk: string }[] };
  expect(logs.chunks.map((c) => c.chunk).join("")).toBe("hello contract\n");
  const text = await check("get", "/api/cockpit/tasks/{id}/logs", await stack.api(`/api/cockpit/tasks/${taskId}/logs?format=text`));
  expect(text).toBe("hello contract\n");
  await check("get", "/api/cockpit/tasks/{id}/logs", await stack.api("/api/cockpit/tasks/no-such-task/logs"));

  const analytics = (await check("get", "/api/cockpit/analytics", await stack.api("/api/cockpit/analytics?bucket=day&by=executor"))) as { groups: { key: string }[] };
  expect(analytics.groups.map((g) => g.key)).toContain("shell");
  await check("get", "/api/cockpit/analytics", await stack.api("/api/cockpit/analytics?bucket=week"));

  // The activity feed has this agent's completed task; a cursor it did not hand out is refused by name.
  const feed = (await check("get", "/api/cockpit/activity", await stack.api(`/api/cockpit/activity?kind=task&agent=${agentId}`))) as { entries: { type: string; subjectId: string }[] };
  expect(feed.entries).toContainEqual(expect.objectContaining({ type: "completed", subjectId: taskId }));
  await check("get", "/api/cockpit/activity", await stack.api("/api/cockpit/activity?cursor=bm90LWEtY3Vyc29y"));

  agent.send({
    type: "agent-metrics",
    cpuPercent: 12.5,
    load: [0.5, 0.4, 0.3],
    memTotalBytes: 16e9,
    memFreeBytes: 8e9,
    disks: [{ path: "/src", freeBytes: 100e9, totalBytes: 500e9 }],
    agentRssBytes: 80e6,
    systemUptimeSec: 3600,
    agentUptimeSec: 60,
  });
  const metricsOf = async () => (await (await stack.api(`/api/cockpit/agents/${agentId}/metrics`)).json()) as { samples: unknown[] };
  await eventually(async () => (await metricsOf()).samples.length > 0, 10_000, "sample stored");
  await check("get", "/api/cockpit/agents/{id}/metrics", await stack.api(`/api/cockpit/agents/${agentId}/metrics`));
  await check("get", "/api/cockpit/agents/{id}/metrics", await stack.api(`/api/cockpit/agents/${agentId}/metrics?range=7d`));
  await check("get", "/api/cockpit/agents/{id}/metrics", await stack.api("/api/cockpit/agents/nobody/metrics"));
  const page = (await check("get", "/api/cockpit/agents/{id}", await stack.api(`/api/cockpit/agents/${agentId}?window=7d`))) as { tasks: { lastDay: { completed: number } } };
  expect(page.tasks.lastDay.completed).toBeGreaterThanOrEqual(1);
  await check("get", "/api/cockpit/agents/{id}", await stack.api(`/api/cockpit/agents/${agentId}?window=1y`));
  const paused = (await check("post", "/api/cockpit/agents/{id}/pause", await stack.api(`/api/cockpit/agents/${agentId}/pause`, { method: "POST" }))) as {
    agent: { pausedAt: string | null };
  };
  expect(paused.agent.pausedAt).not.toBeNull();
  await check("post", "/api/cockpit/agents/{id}/resume", await stack.api(`/api/cockpit/agents/${agentId}/resume`, { method: "POST" }));
  await check("post", "/api/cockpit/agents/{id}/pause", await stack.api("/api/cockpit/agents/nobody/pause", { method: "POST" }));

  // A coding session holds a tool call for approval: listed, decided once, a second decision refused.
  const approvalId = uid("approval");
  const sessionId = uid("session");
  agent.send({
    type: "session-event",
    sessionId,
    tool: "claude",
    event: "PreToolUse",
    state: "waiting",
    cwd: "/src/app",
    message: "rm -rf build",
    at: Date.now(),
    approval: { id: approvalId, toolName: "Bash", command: "rm -rf build", pattern: "rm *", expiresAt: Date.now() + 600_000 },
  });
  await eventually(async () => JSON.stringify(await (await stack.api("/api/cockpit/approvals")).json()).includes(approvalId), 10_000, "approval stored");
  const sessions = (await check("get", "/api/cockpit/sessions", await stack.api("/api/cockpit/sessions"))) as { sessions: { sessionId: string; state: string }[] };
  expect(sessions.sessions.find((s) => s.sessionId === sessionId)?.state).toBe("waiting");
  await check("get", "/api/cockpit/approvals", await stack.api("/api/cockpit/approvals"));
  const decision = `/api/cockpit/approvals/${approvalId}/decision`;
  await check("post", "/api/cockpit/approvals/{id}/decision", await stack.api(decision, json({ decision: "maybe" })));
  const decided = (await check("post", "/api/cockpit/approvals/{id}/decision", await stack.api(decision, json({ decision: "deny", reason: "not now" })))) as {
    approval: { status: string };
  };
  expect(decided.approval.status).toBe("deny");
  await check("post", "/api/cockpit/approvals/{id}/decision", await stack.api(decision, json({ decision: "allow" })));

  await eventually(async () => JSON.stringify(await (await stack.api("/api/cockpit/repos/at-risk?limit=500")).json()).includes(agentId), 10_000, "repo at risk");
  const atRisk = (await check("get", "/api/cockpit/repos/at-risk", await stack.api("/api/cockpit/repos/at-risk?limit=500"))) as { repos: { agentId: string }[] };
  expect(atRisk.repos.map((r) => r.agentId)).toContain(agentId);
  await check("get", "/api/cockpit/repos/at-risk", await stack.api("/api/cockpit/repos/at-risk?limit=0"));
  const conflicts = (await check("get", "/api/cockpit/repos/conflicts", await stack.api("/api/cockpit/repos/conflicts"))) as { conflicts: unknown[] };
  expect(Array.isArray(conflicts.conflicts)).toBe(true);
}
