import { env } from "../env";

/** Pure retry rules: which ended attempts run again, and the doubling backoff from RETRY_BACKOFF_MS, capped at a minute. */

/** Deliveries of one task that may expire unaccepted; the last of them fails the task. */
export const MAX_EXPIRIES = 3;

/** How an attempt ended. `interrupted`: the agent reported it stopped mid-run (it restarted); it may have partly run. */
export type AttemptOutcome = "completed" | "failed" | "cancelled" | "timed_out" | "lost" | "interrupted";
const RETRYABLE: readonly AttemptOutcome[] = ["failed", "timed_out", "lost", "interrupted"];

export type EndedAttempt = { outcome: AttemptOutcome; wasRunning: boolean; attempt: number; maxAttempts: number; idempotent: boolean };

/** An attempt that may have partly run: its agent said it was interrupted, or vanished while running it. */
export function isInterrupted(a: Pick<EndedAttempt, "outcome" | "wasRunning">): boolean {
  return a.outcome === "interrupted" || (a.outcome === "lost" && a.wasRunning);
}

/**
 * Whether the task runs again, and the reason it carries. Retryable outcomes run again while attempts are left, but
 * an interrupted attempt only when the task is idempotent: running half-done work twice is the task's call to allow.
 */
export function retryDecision(a: EndedAttempt, reason: string | null): { retry: boolean; reason: string | null } {
  if (!RETRYABLE.includes(a.outcome)) return { retry: false, reason };
  const attemptsLeft = a.attempt < a.maxAttempts;
  if (!isInterrupted(a)) return { retry: attemptsLeft, reason };
  if (attemptsLeft && a.idempotent) return { retry: true, reason };
  const why = attemptsLeft ? "; it is not marked idempotent, so it is not retried automatically (retry it by hand if that is safe)" : "";
  return { retry: false, reason: `${reason ?? "interrupted"}; the task may have partly run${why}` };
}

export function backoffFor(attempt: number, baseMs: number): number {
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
