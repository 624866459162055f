import { z } from "zod";
import type { approvalJson, sessionJson } from "../sessions/json";
import { PRESENCE_STATES } from "../fleet/states";
import { SESSION_STATES } from "../protocol/session-frames";
import { diskSampleSchema } from "../protocol/fleet-frames";
import { agentResponse, repoResponse, taskResponse } from "./responses";

/** Response shapes of the routes the fleet, sessions, git-safety, analytics and task-log work added (see responses.ts). */

const isoTime = z.iso.datetime();
const nullableIso = isoTime.nullable();
const int = z.number().int();
const p50p95 = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });

export const sessionResponse = z
  .object({
    agentId: z.string(),
    sessionId: z.string(),
    tool: z.string(),
    state: z.enum(SESSION_STATES),
    lastEvent: z.string(),
    cwd: z.string().nullable(),
    branch: z.string().nullable(),
    message: z.string().nullable(),
    startedAt: nullableIso,
    updatedAt: nullableIso,
    waitingSince: nullableIso,
  })
  .meta({ id: "Session" });

export const approvalResponse = z
  .object({
    id: z.string(),
    agentId: z.string(),
    sessionId: z.string(),
    toolName: z.string(),
    command: z.string(),
    pattern: z.string(),
    cwd: z.string().nullable(),
    status: z.enum(["pending", "allow", "deny"]),
    reason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: nullableIso,
    createdAt: nullableIso,
    expiresAt: nullableIso,
  })
  .meta({ id: "Approval" });

const stats = z.object({
  created: int,
  completed: int,
  failed: int,
  timedOut: int,
  cancelled: int,
  successRate: z.number().nullable().describe("completed ÷ (completed + failed + timed out); null when none of those ended"),
  duration: p50p95,
  queueWait: p50p95,
});

const conflictSide = z.object({ agentId: z.string(), branch: z.string().nullable(), path: z.string(), head: z.string().nullable(), unpushedCount: int });
/** The radar's `git merge-tree` check of the pair's heads, run through one of the two agents. */
const mergeCheck = z.object({
  verdict: z.enum(["pending", "clean", "conflicting", "unknown"]),
  conflicts: z.array(z.string()),
  agentId: z.string().nullable(),
  reason: z.string().nullable(),
});

export const fleetResponses = {
  bulkCreate: z.object({
    created: z.array(z.object({ index: int, id: z.string() })),
    existing: z.array(z.object({ index: int, id: z.string() })),
    errors: z.array(z.object({ index: int, field: z.string(), message: z.string() })),
  }),
  taskLogs: z.object({
    taskId: z.string(),
    status: z.string(),
    attempt: int,
    chunks: z.array(z.object({ seq: int, chunk: z.string() })),
    firstSeq: int.describe("output before this seq was dropped to keep the bound (0: the log is whole)"),
    truncated: z.boolean(),
    more: z.boolean().describe("more chunks follow: read again with after = the last seq"),
  }),
  analytics: z.object({
    from: isoTime,
    to: isoTime,
    bucket: z.enum(["hour", "day"]),
    by: z.enum(["executor", "agent", "priority"]).nullable(),
    groups: z.array(
      z.object({
        key: z.string(),
        totals: stats,
        buckets: z.array(stats.extend({ start: isoTime })),
        topFailureReasons: z.array(z.object({ reason: z.string(), count: int })),
      }),
    ),
  }),
  agentDetail: z.object({
    agent: agentResponse,
    availability: z.object({ window: z.enum(["24h", "7d"]), slots: z.array(z.object({ from: isoTime, state: z.enum(PRESENCE_STATES).nullable() })) }),
    tasks: z.object({
      lastDay: z.object({ ended: int, completed: int, successRate: z.number().nullable(), medianDurationMs: z.number().nullable() }),
      recent: z.array(taskResponse),
    }),
    repos: z.array(repoResponse),
  }),
  agentMetrics: z.union([
    z.object({
      range: z.literal("24h"),
      samples: z.array(
        z.object({
          at: isoTime,
          cpuPercent: z.number(),
          load1: z.number(),
          memUsedPercent: z.number(),
          diskUsedPercent: z.number().nullable(),
          diskFreeBytes: int.nullable(),
          batteryPercent: z.number().nullable(),
          onBattery: z.boolean().nullable(),
          agentRssBytes: int,
          systemUptimeSec: z.number(),
          disks: z.array(diskSampleSchema),
        }),
      ),
    }),
    z.object({
      range: z.literal("7d"),
      samples: z.array(
        z.object({
          at: isoTime,
          samples: int,
          cpuPercent: z.number(),
          load1: z.number(),
          memUsedPercent: z.number(),
          diskUsedPercent: z.number().nullable(),
          batteryPercent: z.number().nullable(),
          agentRssBytes: int,
        }),
      ),
    }),
  ]),
  agentOne: z.object({ agent: agentResponse }),
  sessionList: z.object({ sessions: z.array(sessionResponse) }),
  approvalList: z.object({ approvals: z.array(approvalResponse) }),
  approvalOne: z.object({ approval: approvalResponse }),
  workAtRisk: z.object({
    repos: z.array(repoResponse.extend({ atRiskSince: nullableIso, agentConnected: z.boolean(), agentDisconnectedAt: nullableIso })),
  }),
  conflicts: z.object({
    conflicts: z.array(z.object({ identity: z.string(), a: conflictSide, b: conflictSide, files: z.array(z.string()), mergeCheck: mergeCheck.nullable() })),
  }),
} as const;

/** Compile-time: the serializers and their schemas name the same fields. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
export type FleetSerializersMatchSchemas = [
  Assert<SameKeys<ReturnType<typeof sessionJson>, z.input<typeof sessionResponse>>>,
  Assert<SameKeys<ReturnType<typeof approvalJson>, z.input<typeof approvalResponse>>>,
];
