/**
 * Merges concurrent calls into rounds: the first call starts a round at once; calls made while it runs are queued and
 * run together as the next round. N concurrent callers cost about two rounds instead of N, and every caller's promise
 * settles when the round that carried its items has (rejecting with that round's error).
 */
export function coalesce<T>(round: (items: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  let queued: T[] = [];
  let waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    try {
      while (waiters.length > 0) {
        const items = queued;
        const settle = waiters;
        queued = [];
        waiters = [];
        try {
          await round(items);
          for (const w of settle) w.resolve();
        } catch (error) {
          for (const w of settle) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (items) =>
    new Promise<void>((resolve, reject) => {
      queued.push(...items);
      waiters.push({ resolve, reject });
      if (!running) void drain();
    });
}
