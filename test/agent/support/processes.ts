import { isRunning } from "../../../lib/process/parent-watch";

/** True when no live process has this pid (a zombie waiting for its reaper counts as gone). */
export const isGone = (pid: number): boolean => !isRunning(pid);

export async function waitUntil(check: () => boolean, timeoutMs: number, label: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${label} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
