import { z } from "zod";
import { ROLES } from "../auth/roles";
import type { agentJson, alertJson, repoJson, taskEventJson, taskJson } from "../db/serialize";
import { ERROR_STATUS } from "../http/errors";
import { provenanceSchema, requiresRepoSchema, worktreeSchema } from "../protocol/git-safety";
import { ALERT_STATES } from "../alerts/states";
import { PRESENCE_STATES } from "../fleet/states";
import { SORT_ORDERS, TASK_SORTS } from "../tasks/list-order";
import { AGENT_STATUSES, ALERT_SEVERITIES, REPO_STATUSES, TASK_PRIORITIES, TASK_STATUSES } from "../protocol/constants";

/**
 * The REST responses as zod schemas: the OpenAPI document is generated from them, and the type checks at the end
 * of this file fail to compile when a serializer in lib/db/serialize.ts drifts from its schema.
 */

const isoTime = z.iso.datetime();
const nullableIso = isoTime.nullable();

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
      message: z.string(),
      field: z.string().optional().describe("the request field that is wrong, when one is"),
      details: z.unknown().optional().describe("every validation issue, for a 400 from a schema"),
    }),
  })
  .meta({ id: "Error" });

export const taskResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    executor: z.string(),
    payload: z.unknown(),
    status: z.enum(TASK_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    requires: z.array(z.string()),
    targetAgentId: z.string().nullable(),
    assignedAgentId: z.string().nullable(),
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
    idempotent: z.boolean(),
    expiries: z.number().int(),
    result: z.unknown(),
    logs: z.string().nullable().optional().describe("only on GET /tasks/{id} (null before any output); lists leave logs out"),
    requiresRepo: requiresRepoSchema.nullable(),
    provenance: provenanceSchema.nullable(),
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    kind: z.string(),
    parentId: z.string().nullable(),
    dependsOn: z.array(z.string()),
    timeoutMs: z.number().int().nullable(),
    expiresAt: nullableIso,
    availableAt: nullableIso,
    startedAt: nullableIso,
    createdAt: isoTime,
    updatedAt: isoTime,
    assignedAt: nullableIso,
    completedAt: nullableIso,
  })
  .meta({ id: "Task" });

export const taskEventResponse = z
  .object({
    id: z.number().int(),
    type: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    agentId: z.string().nullable(),
    attempt: z.number().int().nullable(),
    message: z.string().nullable(),
    createdAt: isoTime,
  })
  .meta({ id: "TaskEvent" });

export const taskAttemptResponse = z
  .object({
    attempt: z.number().int(),
    agentId: z.string(),
    assignedAt: nullableIso,
    startedAt: nullableIso,
    endedAt: nullableIso,
    outcome: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: "TaskAttempt" });

export const repoResponse = z
  .object({
    id: z.string(),
    key: z.string(),
    agentId: z.string(),
    path: z.string(),
    name: z.string(),
    branch: z.string().nullable(),
    status: z.enum(REPO_STATUSES).nullable(),
    uncommittedCount: z.number().int(),
    aheadCount: z.number().int(),
    behindCount: z.number().int(),
    modifiedFiles: z.array(z.string()),
    error: z.string().nullable(),
    lastChecked: nullableIso,
    remoteIdentity: z.string().nullable(),
    headCommit: z.string().nullable(),
    unpushedCount: z.number().int(),
    oldestUnpushedAt: nullableIso,
    unpushedFiles: z.array(z.string()),
    stashCount: z.number().int(),
    untrackedCount: z.number().int(),
    lastFetchAt: nullableIso,
    worktrees: z.array(worktreeSchema.extend({ createdAt: nullableIso })),
    dirtySince: nullableIso,
  })
  .meta({ id: "Repo" });

export const alertResponse = z
  .object({
    id: z.string(),
    severity: z.enum(ALERT_SEVERITIES),
    title: z.string(),
    message: z.string().nullable(),
    source: z.string().nullable(),
    agentId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    acknowledged: z.boolean(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: nullableIso,
    createdAt: isoTime,
    status: z.enum(ALERT_STATES),
    dedupKey: z.string().nullable(),
    kind: z.string().nullable(),
    taskId: z.string().nullable(),
    repoId: z.string().nullable(),
    count: z.number().int(),
    lastSeenAt: isoTime,
    triggeredAt: isoTime,
    ackComment: z.string().nullable(),
    resolvedAt: nullableIso,
    resolvedBy: z.string().nullable(),
    resolveReason: z.string().nullable(),
    snoozedUntil: nullableIso,
    unacknowledgedAt: nullableIso,
    silenceId: z.string().nullable().describe("the silence muting this alert's notifications"),
    silencedUntil: nullableIso,
  })
  .meta({ id: "Alert" });

export const agentResponse = z
  .object({
    agentId: z.string(),
    connectedAt: nullableIso,
    lastPingAt: nullableIso,
    status: z.enum(AGENT_STATUSES),
    capabilities: z.array(z.string()),
    connected: z.boolean(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    maxConcurrency: z.number().int(),
    extensions: z.array(z.string()),
    lastSeenAt: nullableIso,
    disconnectedAt: nullableIso,
    presence: z.enum(PRESENCE_STATES),
    presenceSince: nullableIso,
    pausedAt: nullableIso,
    pausedBy: z.string().nullable(),
    lastSleep: z.object({ from: isoTime, to: isoTime }).nullable(),
    owner: z.object({ keyId: z.string(), name: z.string() }).nullable().optional().describe("admins only: the key that owns this agentId"),
  })
  .meta({ id: "Agent" });

export const apiKeyResponse = z
  .object({ id: z.string(), name: z.string(), role: z.enum(ROLES), prefix: z.string(), createdAt: isoTime, revokedAt: nullableIso })
  .meta({ id: "ApiKey" });

const page = { total: z.number().int(), limit: z.number().int(), nextCursor: z.string().nullable() };

/** Each route's success body, named by what it answers. */
export const responses = {
  taskList: z.object({
    tasks: z.array(taskResponse),
    ...page,
    totalExact: z.boolean().describe("false when total is a cap (10,000): a filter other than status matched more"),
    start: z.number().int().nullable().describe("list position (1-based) of the first task, null when unknown"),
    sort: z.enum(TASK_SORTS),
    order: z.enum(SORT_ORDERS),
    prevCursor: z.string().nullable().describe("pass as before= for the previous page"),
  }),
  taskOne: z.object({ task: taskResponse }),
  taskDetail: z.object({ task: taskResponse, waiting: z.string().nullable(), events: z.array(taskEventResponse), attempts: z.array(taskAttemptResponse), children: z.array(taskResponse) }),
  bulk: z.object({ matched: z.number().int(), changed: z.array(z.string()), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) }),
  alertList: z.object({ alerts: z.array(alertResponse), ...page }),
  alertOne: z.object({ alert: alertResponse }),
  alertAck: z.object({ success: z.literal(true), alert: alertResponse, alreadyAcknowledged: z.boolean() }),
  agentList: z.object({ agents: z.array(agentResponse), count: z.number().int() }),
  agentOwner: z.object({ agentId: z.string(), owner: z.object({ keyId: z.string(), name: z.string() }), previousKeyId: z.string().nullable() }),
  agentRelease: z.object({ agentId: z.string(), ownerKeyId: z.null(), previousKeyId: z.string().nullable() }),
  repoList: z.object({ repos: z.array(repoResponse), ...page }),
  keyList: z.object({ keys: z.array(apiKeyResponse) }),
  keyCreated: z.object({ id: z.string(), key: z.string().describe("shown once; only its hash is stored"), name: z.string(), role: z.enum(ROLES) }),
  keyRevoked: z.object({ revoked: z.string() }),
  socketToken: z.object({ token: z.string(), hubUrl: z.string(), expiresInMs: z.number().int(), pingIntervalMs: z.number().int() }),
  health: z.object({
    ok: z.boolean(),
    storage: z.union([z.object({ writable: z.literal(true) }), z.object({ writable: z.literal(false), problem: z.string() })]),
    hub: z.object({ reachable: z.boolean(), outboxDepth: z.number().int().nullable() }),
    databaseTrouble: z
      .object({ problem: z.string(), failures: z.number().int(), since: isoTime, lastAt: isoTime })
      .nullable()
      .describe("writes that failed for a storage reason and are not yet an alert (or not yet resolved)"),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
} as const;

/**
 * Compile-time: a serializer and its schema name the same fields, so the document cannot miss or invent one. (The
 * rows' enum columns are plain strings to TypeScript; the contract test checks the values against the document.)
 */
type FieldsMissingFrom<A, B> = Exclude<keyof A, keyof B>;
type SameFields<Actual, Schema, Extra extends PropertyKey = never> = [
  FieldsMissingFrom<Actual, Schema>,
  Exclude<FieldsMissingFrom<Schema, Actual>, Extra>,
] extends [never, never]
  ? true
  : false;
type Assert<T extends true> = T;
export type SerializersMatchSchemas = [
  Assert<SameFields<ReturnType<typeof taskJson>, z.input<typeof taskResponse>>>,
  Assert<SameFields<ReturnType<typeof taskEventJson>, z.input<typeof taskEventResponse>>>,
  Assert<SameFields<ReturnType<typeof repoJson>, z.input<typeof repoResponse>>>,
  Assert<SameFields<ReturnType<typeof alertJson>, z.input<typeof alertResponse>>>,
  Assert<SameFields<ReturnType<typeof agentJson>, z.input<typeof agentResponse>, "owner">>,
];
