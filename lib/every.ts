import "server-only";

/**
 * Runs `work` every `ms` in the background, never two rounds at once: a round still running when the next is due
 * makes that tick pass. A failed round goes to `onError`; the timer never keeps the process alive.
 */
export function runEvery(ms: number, work: () => Promise<unknown>, onError: (error: unknown) => void): void {
  let busy = false;
  setInterval(() => {
    if (busy) return;
    busy = true;
    work()
      .catch(onError)
      .finally(() => (busy = false));
  }, ms).unref();
}
