/** Pure decisions about connection health, kept apart from the room so they can be unit-tested. */

/** An agent is stale when it has not answered a ping (or said anything) for staleAfterMs. */
export function isStale(lastPongAt: number, now: number, staleAfterMs: number): boolean {
  return now - lastPongAt >= staleAfterMs;
}

/** Consecutive invalid frames a connection may send before it is closed with 1008. */
export const MAX_INVALID_FRAMES = 10;

export function shouldCloseForAbuse(invalidInARow: number): boolean {
  return invalidInARow >= MAX_INVALID_FRAMES;
}

/** Delay before retrying a failed flush to the web: doubling, capped, so a web outage costs little. */
export function retryDelayMs(failures: number): number {
  return Math.min(10_000, 200 * 2 ** Math.min(failures, 10));
}
