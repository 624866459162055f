/** No frame at all (the hub's pings included) for this many ping intervals means the socket is dead. */
export const SILENCE_FACTOR = 2.5;

/**
 * Notices a socket that died without a close event (a sleeping laptop, a dropped NAT entry): the hub pings every
 * interval, so a long silence on an open socket cannot be a quiet hub. Pure timing; the provider does the I/O.
 */
export class SilenceWatchdog {
  private lastFrameAt: number | null = null;

  constructor(private readonly pingIntervalMs: number) {}

  /** The socket opened or a frame arrived. */
  heard(now: number): void {
    this.lastFrameAt = now;
  }

  /** The socket closed: nothing to watch until it opens again. */
  stop(): void {
    this.lastFrameAt = null;
  }

  /** True once when an open socket has been silent too long (then it waits for the next open). */
  isDead(now: number): boolean {
    if (this.lastFrameAt === null || now - this.lastFrameAt <= this.pingIntervalMs * SILENCE_FACTOR) return false;
    this.lastFrameAt = null;
    return true;
  }
}
