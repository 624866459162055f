/** Pure decisions about connection health, kept apart from the room so they can be unit-tested. */

/** An agent is stale when it has not answered a ping (or said anything) for staleAfterMs. */
export function isStale(lastPongAt: number, now: number, staleAfterMs: number): boolean {
  return now - lastPongAt >= staleAfterMs;
}

/** Invalid frames a connection may send within INVALID_WINDOW_MS before it is closed with 1008 (valid ones in between do not reset it). */
export const MAX_INVALID_FRAMES = 10;
export const INVALID_WINDOW_MS = 60_000;

/** Timestamps of recent invalid frames, oldest first; returns the window after adding `now`. */
export function recordInvalid(recent: readonly number[], now: number): number[] {
  return [...recent.filter((t) => now - t < INVALID_WINDOW_MS), now];
}

export function shouldCloseForAbuse(recentInvalid: readonly number[]): boolean {
  return recentInvalid.length >= MAX_INVALID_FRAMES;
}

/** Per-connection frame budget: a token bucket, so a burst is fine and a flood is cut off. */
export const FRAME_BUDGET = { burst: 1_000, perSecond: 200, closeAfterDropped: 2_000 } as const;
export type Bucket = { tokens: number; at: number; dropped: number };

export const fullBucket = (now: number): Bucket => ({ tokens: FRAME_BUDGET.burst, at: now, dropped: 0 });

/**
 * Takes one frame's token; `allowed` false means the frame is dropped (the sender is told once per overload).
 * `dropped` counts the drops of the current overload, which ends only once the bucket is half full again: a sender
 * that keeps flooding is closed even though the refill lets a frame through now and then.
 */
export function takeToken(b: Bucket, now: number): { bucket: Bucket; allowed: boolean } {
  const tokens = Math.min(FRAME_BUDGET.burst, b.tokens + ((now - b.at) / 1000) * FRAME_BUDGET.perSecond);
  const dropped = tokens >= FRAME_BUDGET.burst / 2 ? 0 : b.dropped;
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now, dropped }, allowed: true };
  return { bucket: { tokens, at: now, dropped: dropped + 1 }, allowed: false };
}

/** Delay before retrying a failed flush to the web: doubling, capped, so a web outage costs little. */
export function retryDelayMs(failures: number): number {
  return Math.min(10_000, 200 * 2 ** Math.min(failures, 10));
}
