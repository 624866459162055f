/** Keeps a child process running: restarts it with backoff after a crash and gives up after repeated crashes in a row. */
import type { Proc } from "./stack";

export type SuperviseOptions = {
  /** Crashes in a row (each within `stableAfterMs` of its start) before giving up. */
  maxCrashesInARow: number;
  /** A run that lasted this long resets the crash count. */
  stableAfterMs: number;
  /** First restart delay; doubles per crash in a row. */
  backoffMs: number;
  log: (line: string) => void;
  onGiveUp: (name: string) => void;
};

export type Supervised = { current: () => Proc; stop: () => Promise<void> };

/** Restart delay after `crashesInARow` crashes: backoff, doubling, capped at 30 s. */
export function restartDelay(crashesInARow: number, backoffMs: number): number {
  return Math.min(30_000, backoffMs * 2 ** Math.max(0, crashesInARow - 1));
}

export function supervise(start: () => Proc, o: SuperviseOptions): Supervised {
  let proc = start();
  let startedAt = Date.now();
  let crashesInARow = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  const watch = () => {
    proc.child.once("exit", (code, signal) => {
      if (stopping) return;
      crashesInARow = Date.now() - startedAt >= o.stableAfterMs ? 1 : crashesInARow + 1;
      const why = signal ? `signal ${signal}` : `code ${code}`;
      if (crashesInARow > o.maxCrashesInARow) {
        o.log(`${proc.name} exited (${why}) ${crashesInARow} times in a row; giving up.`);
        o.onGiveUp(proc.name);
        return;
      }
      const delay = restartDelay(crashesInARow, o.backoffMs);
      o.log(`${proc.name} exited (${why}); restarting in ${Math.round(delay / 100) / 10} s (crash ${crashesInARow} of ${o.maxCrashesInARow} in a row).`);
      timer = setTimeout(() => {
        timer = null;
        if (stopping) return;
        proc = start();
        startedAt = Date.now();
        watch();
        o.log(`${proc.name} restarted.`);
      }, delay);
    });
  };
  watch();
  return {
    current: () => proc,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await proc.stop();
    },
  };
}
