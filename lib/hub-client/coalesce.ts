/**
 * Merges concurrent calls into rounds: the first call starts a round at once; calls made while it runs are queued and
 * run together as the next round. N concurrent callers cost about two rounds instead of N, and every caller's promise
 * settles when the round that carried its items has, with that round's result (or rejecting with its error).
 */
export function coalesce<T, R = void>(round: (items: T[]) => Promise<R>): (items: readonly T[]) => Promise<R> {
  let queued: T[] = [];
  let waiters: { resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
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
          const result = await round(items);
          for (const w of settle) w.resolve(result);
        } catch (error) {
          for (const w of settle) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (items) =>
    new Promise<R>((resolve, reject) => {
      queued.push(...items);
      waiters.push({ resolve, reject });
      if (!running) void drain();
    });
}
