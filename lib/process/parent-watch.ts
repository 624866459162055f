import { readFileSync } from "node:fs";

/** The variable naming the process a web or hub belongs to (npm start's supervisor, a test's stack helper). */
export const PARENT_PID_VAR = "COCKPIT_PARENT_PID";

/** True while `pid` runs: a zombie (killed, not yet reaped) counts as gone, since it will never stop its children. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): kill(0) is all there is
  }
}

/**
 * Calls `stop` once `parentPid` is gone. A supervisor killed with -9 gets no chance to stop its children; without this
 * they served on alone, holding the ports and the database a restart needs. Checks once a second; never keeps the
 * process alive by itself.
 */
export function whenParentGone(parentPid: number, stop: () => void, everyMs = 1_000): void {
  if (!Number.isInteger(parentPid) || parentPid <= 1) return;
  const timer = setInterval(() => {
    if (isRunning(parentPid)) return;
    clearInterval(timer);
    stop();
  }, everyMs);
  timer.unref();
}

/** The parent named by COCKPIT_PARENT_PID, if any (absent when someone runs `next start` by hand). */
export function parentFromEnv(env: NodeJS.ProcessEnv = process.env): number | null {
  const pid = Number(env[PARENT_PID_VAR]);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

/** For the web and the hub: once the process named by COCKPIT_PARENT_PID is gone, say so and `stop`. */
export function stopWithParent(what: string, stop: () => void): void {
  const parent = parentFromEnv();
  if (parent === null) return;
  whenParentGone(parent, () => {
    console.log(`the process that started the ${what} (pid ${parent}) is gone; stopping`);
    stop();
  });
}
