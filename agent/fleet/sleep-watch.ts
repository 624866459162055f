import type { AgentWakeFrame } from "../../lib/protocol";

/**
 * Notices that this process did not run for a while: a timer that fires much later than asked means the machine
 * slept (or the process was suspended). The wall clock ran through the gap; the monotonic clock stands still during
 * a system sleep (macOS, Linux suspend) but not while only this process was stopped, which tells the two apart.
 */

export type Gap = { asleepMs: number; kind: AgentWakeFrame["kind"] };

/** The gap one late tick reveals, or null when the tick was on time (within `gapMs`). Pure, for unit tests. */
export function detectGap({
  wallElapsedMs,
  monoElapsedMs,
  intervalMs,
  gapMs,
}: {
  wallElapsedMs: number;
  monoElapsedMs: number;
  intervalMs: number;
  gapMs: number;
}): Gap | null {
  const late = wallElapsedMs - intervalMs;
  if (late < gapMs) return null;
  // During a system sleep the monotonic clock missed (most of) the gap the wall clock saw.
  const monoLate = monoElapsedMs - intervalMs;
  // Asleep since the last tick that ran on time: that is when it was last seen running.
  return { asleepMs: Math.round(wallElapsedMs), kind: monoLate < late / 2 ? "system" : "process" };
}

export type WakeReport = Gap & { wokeAt: number };

/** Ticks every `gapMs / 2` (at most every 5 s) and calls `onWake` after each gap. */
export class SleepWatch {
  private readonly timer: ReturnType<typeof setInterval>;
  private lastWall = Date.now();
  private lastMono = performance.now();

  constructor(gapMs: number, onWake: (report: WakeReport) => void) {
    const intervalMs = Math.min(5_000, Math.max(100, Math.floor(gapMs / 2)));
    this.timer = setInterval(() => {
      const wall = Date.now();
      const mono = performance.now();
      const gap = detectGap({ wallElapsedMs: wall - this.lastWall, monoElapsedMs: mono - this.lastMono, intervalMs, gapMs });
      this.lastWall = wall;
      this.lastMono = mono;
      if (gap) onWake({ ...gap, wokeAt: wall });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
