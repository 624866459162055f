/**
 * The hub's clock as seen from here. Each ping carries the hub's time when it was sent; received later, it gives
 * a sample of (hub clock − local clock) that is too low by the transit delay, never too high. A ping that sat in a
 * suspended machine's socket buffer is far too low, so the estimate is the highest of the recent samples.
 */
export class HubClock {
  private readonly samples: number[] = [];

  constructor(private readonly keep = 8) {}

  observe(hubTimestamp: number, localReceivedAt: number): void {
    this.samples.push(hubTimestamp - localReceivedAt);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** hub − local in ms; 0 before the first ping (the clocks are then taken to agree). */
  get offsetMs(): number {
    return this.samples.length === 0 ? 0 : Math.max(...this.samples);
  }

  now(localNow: number = Date.now()): number {
    return localNow + this.offsetMs;
  }
}

/** A task whose `expiresAt` (hub clock) has passed was given up by the hub; running it could run it twice. */
export function isExpired(expiresAt: number | undefined, hubNow: number): boolean {
  return expiresAt !== undefined && hubNow > expiresAt;
}
