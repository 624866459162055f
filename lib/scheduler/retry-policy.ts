/** Pure retry rules: doubling backoff from RETRY_BACKOFF_MS, capped at a minute. */

/** Deliveries of one task that may expire unaccepted; the last of them fails the task. */
export const MAX_EXPIRIES = 3;

export function backoffFor(attempt: number, baseMs: number): number {
  if (baseMs <= 0) return 0;
  return Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function retryBackoffMs(attempt: number): number {
  const base = Number(process.env.RETRY_BACKOFF_MS ?? 1_000);
  return backoffFor(attempt, Number.isFinite(base) ? base : 1_000);
}
