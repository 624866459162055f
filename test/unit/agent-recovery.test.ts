import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProcessLedger, parseStartTime } from "../../agent/exec/process-ledger";
import { createLogger } from "../../agent/log";
import { START_TOLERANCE_MS, leftoverState, parsePsTable, stopLeftoverProcesses, type ProcessRow } from "../../agent/tasks/recovery";
import { isGone, waitUntil } from "../agent/support/processes";

const dir = mkdtempSync(join(tmpdir(), "agent-recovery-"));
const spawned: number[] = [];
afterAll(() => {
  for (const pid of spawned) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
const quiet = createLogger("error");

/** A detached shell (its own process group, like a task's) with a background child; both ignore SIGTERM when asked. */
async function startGroup(ignoreTerm: boolean): Promise<number> {
  const ready = join(dir, `ready-${spawned.length}`);
  const trap = ignoreTerm ? "trap '' TERM; " : "";
  const child = spawn("sh", ["-c", `${trap}sleep 300 & touch ${ready}; wait`], { detached: true, stdio: "ignore" });
  child.unref();
  spawned.push(child.pid!);
  await waitUntil(() => existsSync(ready), 5000, "group ready");
  return child.pid!;
}

describe("what a previous run left behind", () => {
  it("parses ps output (C locale, UTC), zombies and padded dates included", () => {
    const text = "    1     1 Ss   Fri Nov 27 00:38:24 2026\n  420   400 Z+   Sat Nov  7 01:02:03 2026\n  421   400 S    not a date\n\ngarbage line\n";
    expect(parsePsTable(text)).toEqual([
      { pid: 1, pgid: 1, zombie: false, startedAt: Date.UTC(2026, 10, 27, 0, 38, 24) },
      { pid: 420, pgid: 400, zombie: true, startedAt: Date.UTC(2026, 10, 7, 1, 2, 3) },
      { pid: 421, pgid: 400, zombie: false, startedAt: null },
    ]);
    expect(parseStartTime("Thu Feb 29 23:59:59 2024")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseStartTime("Thu Foo 29 23:59:59 2024")).toBeNull();
  });

  it("counts a group as ours only if its leader started when it was spawned, or as leaderless remnants", () => {
    const spawnedAt = Date.UTC(2026, 10, 27, 0, 38, 24, 900);
    const record = { taskId: "t", pid: 400, pgid: 400, spawnedAt };
    const second = Date.UTC(2026, 10, 27, 0, 38, 24); // what ps says: whole seconds
    const row = (pid: number, pgid: number, startedAt: number | null, zombie = false): ProcessRow => ({ pid, pgid, startedAt, zombie });
    expect(leftoverState(record, [row(400, 400, second), row(401, 400, second)])).toBe("running");
    expect(leftoverState(record, [row(401, 400, second + 30_000)])).toBe("running"); // leader gone, a child runs on
    expect(leftoverState(record, [row(400, 400, spawnedAt + START_TOLERANCE_MS + 1000)])).toBe("reused");
    expect(leftoverState(record, [row(400, 400, null)])).toBe("reused"); // cannot tell: never signalled
    expect(leftoverState(record, [row(401, 400, second, true)])).toBe("ended");
    expect(leftoverState(record, [])).toBe("ended");
  });

  it("stops a recorded group that still runs (SIGKILL when it ignores SIGTERM) and forgets the record", async () => {
    const ledger = new ProcessLedger(join(dir, "stop"));
    const spawnedAt = Date.now();
    const pid = await startGroup(true);
    ledger.record("t-stop", pid, spawnedAt);
    const outcomes = await stopLeftoverProcesses(ledger, 300, quiet);
    expect(outcomes.get("t-stop")).toBe("stopped");
    await waitUntil(() => isGone(pid), 5000, "group leader gone");
    expect(ledger.list()).toEqual([]);
  });

  it("says ended for a group that is gone, and leaves alone a pid that now belongs to another program", async () => {
    const ledger = new ProcessLedger(join(dir, "other"));
    const pid = await startGroup(false);
    ledger.record("t-reused", pid, Date.now() - 3_600_000); // as if our process of an hour ago had this pid
    ledger.record("t-ended", 999_999_999); // no such process
    const outcomes = await stopLeftoverProcesses(ledger, 300, quiet);
    expect(Object.fromEntries(outcomes)).toEqual({ "t-reused": "ended", "t-ended": "ended" });
    expect(isGone(pid)).toBe(false);
    expect(ledger.list()).toEqual([]);
  });
});
