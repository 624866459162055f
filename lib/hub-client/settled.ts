import "server-only";

/**
 * How far the hub's outbox has reached this web process: every agent event the hub received before this time has
 * been stored. Zero until the hub first says (a web that just restarted knows nothing of what waits at the hub).
 */
let settledBefore = 0;

export function noteHubSettled(at: number | undefined): void {
  if (at !== undefined && at > settledBefore) settledBefore = at;
}

export function hubSettledBefore(): number {
  return settledBefore;
}
