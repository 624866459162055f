import { z } from "zod";
import { LIMITS, TASK_PRIORITIES, TASK_STATUSES, boundedJson, capabilitiesSchema, capabilitySchema, idSchema } from "@/lib/protocol";
import { pagingQuery } from "@/lib/http/paging";
import { SORT_ORDERS, TASK_SORTS } from "@/lib/tasks/list-order";
import { requiresRepoBody } from "@/lib/git-safety/requires-repo";

export const listTasksQuery = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  executor: z.string().min(1).max(128).optional(),
  search: z.string().min(1).max(200).optional(),
  agentId: idSchema.optional(),
  /** Tasks whose provenance lists a commit starting with this (at least 4 hex digits). */
  commit: z
    .string()
    .regex(/^[0-9a-fA-F]{4,64}$/, "must be 4 to 64 hex digits of a commit id")
    .optional(),
  ...pagingQuery,
  sort: z.enum(TASK_SORTS).default("created").describe("created (default), duration (finished runs; unfinished count as -1) or priority"),
  order: z.enum(SORT_ORDERS).default("desc").describe("desc: newest, longest or most urgent first; asc: the reverse"),
  after: z.string().max(400).optional().describe("the next page: rows after this nextCursor in list order (cursor= is the same)"),
  before: z.string().max(400).optional().describe("the previous page: rows before this prevCursor in list order"),
});

/** The spec's body (title, executor, payload) plus optional routing and retry fields. */
export const createTaskBody = z.object({
  id: idSchema.optional(),
  title: z.string().trim().min(1).max(LIMITS.name),
  executor: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, "may contain only letters, digits and . _ : -"),
  payload: boundedJson(LIMITS.payloadBytes).optional(),
  priority: z.enum(TASK_PRIORITIES).default("medium"),
  requires: capabilitiesSchema.default([]),
  targetAgentId: idSchema.optional(),
  maxAttempts: z.number().int().min(1).max(20).default(1),
  /** Safe to run twice: only then is an attempt that may have partly run (interrupted) retried automatically. */
  idempotent: z.boolean().default(false),
  /** Run timeout per attempt: the agent is told to stop and the attempt ends timed_out. */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(7 * 24 * 3600_000)
    .optional(),
  /** Queue timeout: never picked up by then → timed_out ("expired"). */
  queueTimeoutMs: z
    .number()
    .int()
    .min(100)
    .max(30 * 24 * 3600_000)
    .optional(),
  /** Wait until these tasks complete; if one fails, this one fails. */
  dependsOn: z.array(idSchema).max(100).default([]),
  /** One child task per agent: every connected agent with `capability`, or each of `agents`. */
  /** Git-gated: only an agent whose reported repository matches gets it; the agent re-checks before running. */
  requiresRepo: requiresRepoBody.optional(),
  fanOut: z.union([z.object({ capability: capabilitySchema }).strict(), z.object({ agents: z.array(idSchema).min(1).max(500) }).strict()]).optional(),
});
