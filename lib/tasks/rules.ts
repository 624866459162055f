import { createHash } from "node:crypto";
import type { HubEvent, HubEventBatch } from "../bridge/messages";
import { env } from "../env";
import type { TaskPriority } from "../protocol/common";
import { LIMITS } from "../protocol/limits";

/** Pure task rules: ordering, routing, retry policy, fan-out ids. The claim's SQL (store-claim.ts) applies the routing. */

export const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

export const ENDED = ["completed", "failed", "cancelled", "timed_out"] as const;

export function hasEnded(status: string): boolean {
  return (ENDED as readonly string[]).includes(status);
}

export type AgentForRouting = {
  id: string;
  connected: boolean;
  status: string;
  capabilities: readonly string[];
  maxConcurrency: number;
  active: number;
};

/** Busy and offline agents take nothing; online and idle ones take up to maxConcurrency tasks. */
export function acceptsWork(agent: AgentForRouting): boolean {
  return agent.connected && (agent.status === "online" || agent.status === "idle") && agent.active < agent.maxConcurrency;
}

/** Order in which agents get to claim: least loaded first, then by id for determinism. */
export function claimOrder<T extends AgentForRouting>(agents: readonly T[]): T[] {
  return agents.filter(acceptsWork).sort((a, b) => a.active / a.maxConcurrency - b.active / b.maxConcurrency || a.id.localeCompare(b.id));
}

/**
 * Events that neither free an agent, nor bring one, nor put a task back in the queue: repo states, pongs, log chunks,
 * session events, health samples, and `delivered` (assigned → running holds the same slot). A hub batch of only
 * those needs no dispatch pass; under load most batches carry one of the others anyway.
 */
const NO_DISPATCH_KINDS = new Set<HubEvent["kind"]>(["git-status", "pong", "task-log", "session-event", "agent-metrics", "delivered"]);

export function mayChangeDispatch(batch: Pick<HubEventBatch, "events" | "presence">): boolean {
  return batch.presence !== undefined || batch.events.some((e) => !NO_DISPATCH_KINDS.has(e.kind));
}

/** Deliveries of one task that may expire unaccepted; the last of them fails the task. */
export const MAX_EXPIRIES = 3;

/** How an attempt ended. `interrupted`: the agent reported it stopped mid-run (it restarted); it may have partly run. */
export type AttemptOutcome = "completed" | "failed" | "cancelled" | "timed_out" | "lost" | "interrupted";
const RETRYABLE: readonly AttemptOutcome[] = ["failed", "timed_out", "lost", "interrupted"];

type EndedAttempt = { outcome: AttemptOutcome; wasRunning: boolean; attempt: number; maxAttempts: number; idempotent: boolean };

/**
 * An attempt that may have partly run: its agent said it was interrupted, vanished while running it, or was stopped
 * by the run timeout (it ran, and was cut off somewhere in the middle).
 */
function isInterrupted(a: Pick<EndedAttempt, "outcome" | "wasRunning">): boolean {
  return a.outcome === "interrupted" || ((a.outcome === "lost" || a.outcome === "timed_out") && a.wasRunning);
}

/**
 * Whether the task runs again, and the reason it carries. Retryable outcomes run again while attempts are left, but
 * an attempt that may have partly run (interrupted, lost while running, stopped by its run timeout) only when the task
 * is idempotent: running half-done work twice is the task's call to allow.
 */
export function retryDecision(a: EndedAttempt, reason: string | null): { retry: boolean; reason: string | null } {
  if (!RETRYABLE.includes(a.outcome)) return { retry: false, reason };
  const attemptsLeft = a.attempt < a.maxAttempts;
  if (!isInterrupted(a)) return { retry: attemptsLeft, reason };
  if (attemptsLeft && a.idempotent) return { retry: true, reason };
  const why = attemptsLeft ? "; it is not marked idempotent, so it is not retried automatically (retry it by hand if that is safe)" : "";
  return { retry: false, reason: `${reason ?? "interrupted"}; the task may have partly run${why}` };
}

/** The doubling backoff from `baseMs`, capped at a minute. */
function backoffFor(attempt: number, baseMs: number): number {
  if (baseMs <= 0) return 0;
  return Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function retryBackoffMs(attempt: number): number {
  return backoffFor(attempt, env().RETRY_BACKOFF_MS);
}

/** The agent's own word that a failed attempt was cut short (`result.interrupted === true`), not a failure of the work. */
export function reportsInterruption(result: unknown): boolean {
  return typeof result === "object" && result !== null && (result as Record<string, unknown>).interrupted === true;
}

/** The error a failed result carries: its text, or its `error` / `message` / `reason` field. */
export function describeFailure(result: unknown): string | null {
  if (typeof result === "string") return result.slice(0, 2000);
  if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    const text = r.error ?? r.message ?? r.reason;
    if (typeof text === "string") return text.slice(0, 2000);
  }
  return null;
}

/**
 * The id of a fan-out parent's child N: `parent.N`, or, when that would pass the id limit, the parent's id cut short
 * plus a hash of all of it (`<prefix>-<16 hex>.N`), so the id stays valid, two long parents sharing a prefix still
 * get distinct children, and the same parent always gets the same children.
 */
export function fanOutChildId(parentId: string, n: number): string {
  const plain = `${parentId}.${n}`;
  if (plain.length <= LIMITS.id) return plain;
  const suffix = `-${createHash("sha256").update(parentId).digest("hex").slice(0, 16)}.${n}`;
  return `${parentId.slice(0, LIMITS.id - suffix.length)}${suffix}`;
}
