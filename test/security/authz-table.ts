/**
 * The one table of who may call what: every REST route of the web (app/api/**\/route.ts, one row per exported method)
 * and every endpoint of the hub (party/cockpit.ts). authz-matrix.test.ts crosses it with every kind of credential and
 * fails when a route file has no row here. Below it, one sample of every agent → hub frame type for the frame matrix.
 */
import type { Role } from "../../lib/auth/roles";
import { EXTENSIONS, type AgentFrame } from "../../lib/protocol/agent-frames";

/** The least a caller needs: a role (every higher one passes too), nothing at all, or the hub↔web bridge signature. */
export type Access = Role | "public" | "bridge-signed";

/** Values the test makes at start that a valid body refers to. */
export type Samples = { activeKeyId: string };

export type RequestBody = { json: unknown } | { form: Record<string, string> };

export type RouteRow = {
  /** `web`: the Next app, `route` as its folder under app/ ([param] kept); `hub`: the PartyKit worker and room. */
  service: "web" | "hub";
  /** UPGRADE: a WebSocket handshake (101 when accepted). */
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "UPGRADE";
  route: string;
  /** The route with sample ids filled in (ids that do not exist: authorization must be decided before the lookup). */
  path: string;
  access: Access;
  body?: (samples: Samples) => RequestBody;
  /** The credential travels as `?token=` (browsers and partysocket cannot set headers on a socket). */
  credentialIn?: "query";
};

const MISSING_TASK = "authz-missing-task";
const MISSING_ALERT = "authz-missing-alert";
const MISSING_AGENT = "authz-missing-agent";
const MISSING_KEY = "key_00000000-0000-4000-8000-000000000000";

export const ROUTES: readonly RouteRow[] = [
  // Sign-in and sign-out take no key: a plain same-origin form post.
  { service: "web", method: "POST", route: "/api/auth/sign-in", path: "/api/auth/sign-in", access: "public", body: () => ({ form: { key: "not-a-key" } }) },
  { service: "web", method: "POST", route: "/api/auth/sign-out", path: "/api/auth/sign-out", access: "public" },
  { service: "web", method: "GET", route: "/api/auth/socket-token", path: "/api/auth/socket-token", access: "viewer" },
  { service: "web", method: "GET", route: "/api/health", path: "/api/health", access: "public" },
  { service: "web", method: "GET", route: "/api/metrics", path: "/api/metrics", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/openapi.json", path: "/api/cockpit/openapi.json", access: "public" },

  { service: "web", method: "GET", route: "/api/cockpit/agents", path: "/api/cockpit/agents?all=true", access: "viewer" },
  {
    service: "web",
    method: "PUT",
    route: "/api/cockpit/agents/[id]/owner",
    path: `/api/cockpit/agents/${MISSING_AGENT}/owner`,
    access: "admin",
    body: (s) => ({ json: { keyId: s.activeKeyId } }),
  },
  { service: "web", method: "POST", route: "/api/cockpit/agents/[id]/release", path: `/api/cockpit/agents/${MISSING_AGENT}/release`, access: "admin" },
  { service: "web", method: "GET", route: "/api/cockpit/agents/[id]", path: `/api/cockpit/agents/${MISSING_AGENT}`, access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/agents/[id]/metrics", path: `/api/cockpit/agents/${MISSING_AGENT}/metrics`, access: "viewer" },
  { service: "web", method: "POST", route: "/api/cockpit/agents/[id]/pause", path: `/api/cockpit/agents/${MISSING_AGENT}/pause`, access: "operator" },
  { service: "web", method: "POST", route: "/api/cockpit/agents/[id]/resume", path: `/api/cockpit/agents/${MISSING_AGENT}/resume`, access: "operator" },

  { service: "web", method: "GET", route: "/api/cockpit/alerts", path: "/api/cockpit/alerts?severity=info&limit=5", access: "viewer" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/alerts",
    path: "/api/cockpit/alerts",
    access: "operator",
    body: () => ({ json: { severity: "info", title: "authz matrix" } }),
  },
  { service: "web", method: "POST", route: "/api/cockpit/alerts/ack/[id]", path: `/api/cockpit/alerts/ack/${MISSING_ALERT}`, access: "operator" },
  { service: "web", method: "GET", route: "/api/cockpit/sessions", path: "/api/cockpit/sessions", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/approvals", path: "/api/cockpit/approvals", access: "viewer" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/approvals/[id]/decision",
    path: "/api/cockpit/approvals/approval-authz-missing/decision",
    access: "operator",
    body: () => ({ json: { decision: "deny" } }),
  },
  { service: "web", method: "GET", route: "/api/cockpit/alerts/[id]", path: `/api/cockpit/alerts/${MISSING_ALERT}`, access: "viewer" },
  { service: "web", method: "POST", route: "/api/cockpit/alerts/[id]/resolve", path: `/api/cockpit/alerts/${MISSING_ALERT}/resolve`, access: "operator" },
  { service: "web", method: "POST", route: "/api/cockpit/alerts/[id]/unacknowledge", path: `/api/cockpit/alerts/${MISSING_ALERT}/unacknowledge`, access: "operator" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/alerts/[id]/snooze",
    path: `/api/cockpit/alerts/${MISSING_ALERT}/snooze`,
    access: "operator",
    body: () => ({ json: { minutes: 30 } }),
  },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/alerts/bulk",
    path: "/api/cockpit/alerts/bulk",
    access: "operator",
    body: () => ({ json: { action: "acknowledge", ids: [MISSING_ALERT] } }),
  },
  // The acknowledge link is its own credential (signed, single-use): no key needed, a bad link is refused by the route.
  {
    service: "web",
    method: "POST",
    route: "/api/alerts/ack-link",
    path: "/api/alerts/ack-link",
    access: "public",
    body: () => ({ form: { t: "ack1.forged" } }),
  },
  { service: "web", method: "GET", route: "/api/cockpit/channels", path: "/api/cockpit/channels", access: "admin" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/channels",
    path: "/api/cockpit/channels",
    access: "admin",
    body: () => ({ json: { name: "authz matrix", type: "ntfy", config: { server: "http://127.0.0.1:9", topic: "authz" } } }),
  },
  {
    service: "web",
    method: "PATCH",
    route: "/api/cockpit/channels/[id]",
    path: `/api/cockpit/channels/${MISSING_ALERT}`,
    access: "admin",
    body: () => ({ json: { enabled: false } }),
  },
  { service: "web", method: "DELETE", route: "/api/cockpit/channels/[id]", path: `/api/cockpit/channels/${MISSING_ALERT}`, access: "admin" },
  { service: "web", method: "POST", route: "/api/cockpit/channels/[id]/test", path: `/api/cockpit/channels/${MISSING_ALERT}/test`, access: "admin" },
  { service: "web", method: "GET", route: "/api/cockpit/push/key", path: "/api/cockpit/push/key", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/push/subscriptions", path: "/api/cockpit/push/subscriptions", access: "admin" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/push/subscriptions",
    path: "/api/cockpit/push/subscriptions",
    access: "admin",
    body: () => ({ json: { channelId: MISSING_ALERT, deviceName: "authz", subscription: { endpoint: "http://127.0.0.1:9/push", keys: { p256dh: "AA", auth: "AA" } } } }),
  },
  {
    service: "web",
    method: "DELETE",
    route: "/api/cockpit/push/subscriptions",
    path: "/api/cockpit/push/subscriptions",
    access: "admin",
    body: () => ({ json: { id: MISSING_ALERT } }),
  },
  { service: "web", method: "GET", route: "/api/cockpit/rules", path: "/api/cockpit/rules", access: "admin" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/rules",
    path: "/api/cockpit/rules",
    access: "admin",
    body: () => ({ json: { name: "authz matrix", channelIds: [MISSING_ALERT] } }),
  },
  {
    service: "web",
    method: "PATCH",
    route: "/api/cockpit/rules/[id]",
    path: `/api/cockpit/rules/${MISSING_ALERT}`,
    access: "admin",
    body: () => ({ json: { name: "authz matrix" } }),
  },
  { service: "web", method: "DELETE", route: "/api/cockpit/rules/[id]", path: `/api/cockpit/rules/${MISSING_ALERT}`, access: "admin" },
  { service: "web", method: "GET", route: "/api/cockpit/silences", path: "/api/cockpit/silences", access: "viewer" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/silences",
    path: "/api/cockpit/silences",
    access: "operator",
    body: () => ({ json: { source: "authz-matrix", minutes: 1, comment: "authz matrix" } }),
  },
  { service: "web", method: "POST", route: "/api/cockpit/silences/[id]/expire", path: `/api/cockpit/silences/${MISSING_ALERT}/expire`, access: "operator" },
  { service: "web", method: "GET", route: "/api/cockpit/templates", path: "/api/cockpit/templates", access: "viewer" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/templates",
    path: "/api/cockpit/templates",
    access: "admin",
    body: () => ({ json: { name: "authz-matrix", executor: "shell", payload: { command: "echo {args}" } } }),
  },
  { service: "web", method: "GET", route: "/api/cockpit/templates/[name]", path: "/api/cockpit/templates/authz-missing", access: "viewer" },
  {
    service: "web",
    method: "PATCH",
    route: "/api/cockpit/templates/[name]",
    path: "/api/cockpit/templates/authz-missing",
    access: "admin",
    body: () => ({ json: { description: "x" } }),
  },
  { service: "web", method: "DELETE", route: "/api/cockpit/templates/[name]", path: "/api/cockpit/templates/authz-missing", access: "admin" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/templates/[name]/run",
    path: "/api/cockpit/templates/authz-missing/run",
    access: "operator",
    body: () => ({ json: { args: "x" } }),
  },

  { service: "web", method: "GET", route: "/api/cockpit/keys", path: "/api/cockpit/keys", access: "admin" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/keys",
    path: "/api/cockpit/keys",
    access: "admin",
    body: () => ({ json: { name: "authz matrix", role: "viewer" } }),
  },
  { service: "web", method: "DELETE", route: "/api/cockpit/keys/[id]", path: `/api/cockpit/keys/${MISSING_KEY}`, access: "admin" },

  { service: "web", method: "GET", route: "/api/cockpit/repos", path: "/api/cockpit/repos?status=clean", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/repos/at-risk", path: "/api/cockpit/repos/at-risk?limit=5", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/repos/conflicts", path: "/api/cockpit/repos/conflicts", access: "viewer" },

  { service: "web", method: "GET", route: "/api/cockpit/tasks", path: "/api/cockpit/tasks?status=pending&limit=5", access: "viewer" },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/tasks",
    path: "/api/cockpit/tasks",
    access: "operator",
    body: () => ({ json: { title: "authz matrix", executor: "shell", payload: { command: "true" } } }),
  },
  { service: "web", method: "GET", route: "/api/cockpit/tasks/[id]", path: `/api/cockpit/tasks/${MISSING_TASK}`, access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/tasks/[id]/logs", path: `/api/cockpit/tasks/${MISSING_TASK}/logs?after=-1`, access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/analytics", path: "/api/cockpit/analytics?bucket=day&by=executor", access: "viewer" },
  { service: "web", method: "GET", route: "/api/cockpit/activity", path: "/api/cockpit/activity?kind=task&limit=5", access: "viewer" },
  { service: "web", method: "POST", route: "/api/cockpit/tasks/[id]/cancel", path: `/api/cockpit/tasks/${MISSING_TASK}/cancel`, access: "operator" },
  { service: "web", method: "POST", route: "/api/cockpit/tasks/[id]/retry", path: `/api/cockpit/tasks/${MISSING_TASK}/retry`, access: "operator" },
  // An item the route refuses (400 past authorization), so allowed callers create nothing.
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/tasks/bulk",
    path: "/api/cockpit/tasks/bulk",
    access: "operator",
    body: () => ({ json: { tasks: [{ title: "authz matrix", executor: "bad executor!" }] } }),
  },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/tasks/bulk/cancel",
    path: "/api/cockpit/tasks/bulk/cancel",
    access: "operator",
    body: () => ({ json: { ids: [MISSING_TASK] } }),
  },
  {
    service: "web",
    method: "POST",
    route: "/api/cockpit/tasks/bulk/retry",
    path: "/api/cockpit/tasks/bulk/retry",
    access: "operator",
    body: () => ({ json: { ids: [MISSING_TASK] } }),
  },

  // hub → web bridge: the shared secret's signature, never a key.
  {
    service: "web",
    method: "POST",
    route: "/api/hub/agent-claim",
    path: "/api/hub/agent-claim",
    access: "bridge-signed",
    body: (s) => ({ json: { claims: [{ agentId: "authz-claim-probe", keyId: s.activeKeyId }] } }),
  },
  { service: "web", method: "POST", route: "/api/hub/auth", path: "/api/hub/auth", access: "bridge-signed", body: (s) => ({ json: { keyId: s.activeKeyId } }) },
  { service: "web", method: "POST", route: "/api/hub/events", path: "/api/hub/events", access: "bridge-signed", body: () => ({ json: { events: [] } }) },

  // The hub: agents (and any key) open sockets; reading presence needs read access; web → hub commands are signed.
  { service: "hub", method: "GET", route: "/health", path: "/health", access: "public" },
  { service: "hub", method: "GET", route: "/api/agents", path: "/api/agents", access: "viewer" },
  { service: "hub", method: "UPGRADE", route: "/api/ws", path: "/api/ws", access: "agent" },
  { service: "hub", method: "UPGRADE", route: "/parties/main/cockpit", path: "/parties/main/cockpit", access: "agent", credentialIn: "query" },
  {
    service: "hub",
    method: "POST",
    route: "/parties/main/cockpit",
    path: "/parties/main/cockpit",
    access: "bridge-signed",
    body: () => ({ json: { changes: [] } }),
  },
];

/** What a sample frame refers to: made by the test for each connection (its own agent id, task and repository). */
export type FrameContext = { agentId: string; taskId: string; attempt: number; repoPath: string };

/** One valid frame of every agent → hub type; the mapped type makes a new frame type a compile error until it has one. */
export const SAMPLE_FRAMES: { [T in AgentFrame["type"]]: (c: FrameContext) => Extract<AgentFrame, { type: T }> } = {
  "agent-status": (c) => ({ type: "agent-status", agentId: c.agentId, status: "online", extensions: [...EXTENSIONS] }),
  "git-status": (c) => ({ type: "git-status", repos: [{ id: "authz-repo", path: c.repoPath, name: "authz", status: "clean" }] }),
  "task-result": (c) => ({ type: "task-result", taskId: c.taskId, status: "completed", result: { ok: true }, attempt: c.attempt }),
  pong: () => ({ type: "pong", timestamp: Date.now() }),
  "task-log": (c) => ({ type: "task-log", taskId: c.taskId, seq: 0, chunk: "authz output", attempt: c.attempt }),
  "task-accepted": (c) => ({ type: "task-accepted", taskId: c.taskId, attempt: c.attempt }),
  "agent-goodbye": () => ({ type: "agent-goodbye", reason: "authz matrix" }),
  "agent-wake": () => ({ type: "agent-wake", asleepMs: 60_000, awakeForMs: 100, kind: "system" }),
  "agent-metrics": (c) => ({
    type: "agent-metrics",
    cpuPercent: 12.5,
    load: [0.5, 0.4, 0.3],
    memTotalBytes: 16e9,
    memFreeBytes: 8e9,
    disks: [{ path: c.repoPath, freeBytes: 100e9, totalBytes: 500e9 }],
    agentRssBytes: 80e6,
    systemUptimeSec: 3600,
    agentUptimeSec: 60,
  }),
  "session-event": (c) => ({ type: "session-event", sessionId: `s-${c.agentId}`, tool: "claude", event: "SessionStart", state: "started", at: Date.now() }),
};

/** Frame types that only mean something about a task the connection holds: the test gives the agent one first. */
export const FRAMES_ABOUT_A_TASK: ReadonlySet<AgentFrame["type"]> = new Set(["task-result", "task-log", "task-accepted"]);
