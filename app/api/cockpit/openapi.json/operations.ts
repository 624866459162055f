import { z } from "zod";
import type { Permission } from "@/lib/auth/roles";
import { responses } from "@/lib/api/responses";
import { idSchema } from "@/lib/protocol/common";
import { agentOwnerBody, listAgentsQuery } from "../agents/schema";
import { createAlertBody, listAlertsQuery } from "../alerts/schema";
import { createKeyBody } from "../keys/schema";
import { listReposQuery } from "../repos/schema";
import { bulkBody } from "../tasks/bulk/schema";
import { createTaskBody, listTasksQuery } from "../tasks/schema";

/** One REST operation as the document describes it; the schemas are the ones the route handlers parse with. */
export type Operation = {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path template, e.g. /api/cockpit/tasks/{id}. */
  path: string;
  summary: string;
  tag: "Tasks" | "Alerts" | "Agents" | "Repos" | "Keys" | "Session" | "Operations";
  /** What the caller's key or session must allow; "public" needs neither. */
  auth: Permission | "public";
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and body; a text body (metrics) names its media type instead. */
  success: { status: 200 | 201 | 303; description: string; schema?: z.ZodType; mediaType?: string };
  /** Error codes this route answers besides those every authenticated route may (401, 403, 503). */
  errors?: (400 | 404 | 409 | 413 | 415)[];
};

const id = { id: idSchema };
const keyId = { id: z.string().regex(/^key_[0-9a-f-]{36}$/) };
const bodyErrors = [400, 413, 415] as const;

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/cockpit/tasks",
    summary: "List tasks (newest first, keyset pages)",
    tag: "Tasks",
    auth: "read",
    query: listTasksQuery,
    success: { status: 200, description: "a page of tasks", schema: responses.taskList },
    errors: [400],
  },
  {
    method: "post",
    path: "/api/cockpit/tasks",
    summary: "Create a task; it is offered at once to a connected agent that can run it",
    tag: "Tasks",
    auth: "write",
    body: createTaskBody,
    success: { status: 201, description: "the stored task", schema: responses.taskOne },
    errors: [...bodyErrors, 409],
  },
  {
    method: "get",
    path: "/api/cockpit/tasks/{id}",
    summary: "One task with its events, attempts, children and logs",
    tag: "Tasks",
    auth: "read",
    pathParams: id,
    success: { status: 200, description: "the task", schema: responses.taskDetail },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/cockpit/tasks/{id}/cancel",
    summary: "Cancel a task that has not ended",
    tag: "Tasks",
    auth: "write",
    pathParams: id,
    success: { status: 200, description: "the cancelled task", schema: responses.taskOne },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/api/cockpit/tasks/{id}/retry",
    summary: "Run an ended task once more",
    tag: "Tasks",
    auth: "write",
    pathParams: id,
    success: { status: 200, description: "the task, pending again", schema: responses.taskOne },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/api/cockpit/tasks/bulk/cancel",
    summary: "Cancel every matching task (at most 1000)",
    tag: "Tasks",
    auth: "write",
    body: bulkBody,
    success: { status: 200, description: "what changed and what not", schema: responses.bulk },
    errors: [...bodyErrors],
  },
  {
    method: "post",
    path: "/api/cockpit/tasks/bulk/retry",
    summary: "Retry every matching ended task (at most 1000)",
    tag: "Tasks",
    auth: "write",
    body: bulkBody,
    success: { status: 200, description: "what changed and what not", schema: responses.bulk },
    errors: [...bodyErrors],
  },
  {
    method: "get",
    path: "/api/cockpit/alerts",
    summary: "List alerts",
    tag: "Alerts",
    auth: "read",
    query: listAlertsQuery,
    success: { status: 200, description: "a page of alerts", schema: responses.alertList },
    errors: [400],
  },
  {
    method: "post",
    path: "/api/cockpit/alerts",
    summary: "Raise an alert (monitors, CI)",
    tag: "Alerts",
    auth: "write",
    body: createAlertBody,
    success: { status: 201, description: "the stored alert", schema: responses.alertOne },
    errors: [...bodyErrors, 409],
  },
  {
    method: "post",
    path: "/api/cockpit/alerts/ack/{id}",
    summary: "Acknowledge an alert (idempotent)",
    tag: "Alerts",
    auth: "write",
    pathParams: id,
    success: { status: 200, description: "the alert", schema: responses.alertAck },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/cockpit/agents",
    summary: "Connected agents; ?all=true adds those seen before",
    tag: "Agents",
    auth: "read",
    query: listAgentsQuery,
    success: { status: 200, description: "the agents", schema: responses.agentList },
    errors: [400],
  },
  {
    method: "put",
    path: "/api/cockpit/agents/{id}/owner",
    summary: "Give an agentId to another key",
    tag: "Agents",
    auth: "admin",
    pathParams: id,
    body: agentOwnerBody,
    success: { status: 200, description: "the new owner", schema: responses.agentOwner },
    errors: [...bodyErrors, 404],
  },
  {
    method: "post",
    path: "/api/cockpit/agents/{id}/release",
    summary: "Free an agentId for the next key that registers it",
    tag: "Agents",
    auth: "admin",
    pathParams: id,
    success: { status: 200, description: "released", schema: responses.agentRelease },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/cockpit/repos",
    summary: "Git repositories the agents watch",
    tag: "Repos",
    auth: "read",
    query: listReposQuery,
    success: { status: 200, description: "a page of repositories", schema: responses.repoList },
    errors: [400],
  },
  {
    method: "get",
    path: "/api/cockpit/keys",
    summary: "List API keys (never the keys themselves)",
    tag: "Keys",
    auth: "admin",
    success: { status: 200, description: "the keys", schema: responses.keyList },
  },
  {
    method: "post",
    path: "/api/cockpit/keys",
    summary: "Mint an API key; it is in this response only",
    tag: "Keys",
    auth: "admin",
    body: createKeyBody,
    success: { status: 201, description: "the new key", schema: responses.keyCreated },
    errors: [...bodyErrors],
  },
  {
    method: "delete",
    path: "/api/cockpit/keys/{id}",
    summary: "Revoke a key; its sockets are closed",
    tag: "Keys",
    auth: "admin",
    pathParams: keyId,
    success: { status: 200, description: "revoked", schema: responses.keyRevoked },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/auth/socket-token",
    summary: "A one-minute token for the dashboard's socket",
    tag: "Session",
    auth: "read",
    success: { status: 200, description: "the token and where the hub is", schema: responses.socketToken },
  },
  {
    method: "get",
    path: "/api/health",
    summary: "Readiness: 200 when the database accepts writes",
    tag: "Operations",
    auth: "public",
    success: { status: 200, description: "ready (503 with the same shape when not)", schema: responses.health },
  },
  {
    method: "get",
    path: "/api/metrics",
    summary: "Prometheus metrics (text exposition format 0.0.4)",
    tag: "Operations",
    auth: "read",
    success: { status: 200, description: "the metrics", mediaType: "text/plain; version=0.0.4" },
  },
  {
    method: "get",
    path: "/api/cockpit/openapi.json",
    summary: "This document",
    tag: "Operations",
    auth: "public",
    success: { status: 200, description: "OpenAPI 3.1", schema: z.record(z.string(), z.unknown()) },
  },
];
