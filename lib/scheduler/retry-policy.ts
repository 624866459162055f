import { env } from "../env";

/** Pure retry rules: doubling backoff from RETRY_BACKOFF_MS, capped at a minute. */
export function backoffFor(attempt: number, baseMs: number): number {
  if (baseMs <= 0) return 0;
  return Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function retryBackoffMs(attempt: number): number {
  return backoffFor(attempt, env().RETRY_BACKOFF_MS);
}
