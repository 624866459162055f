import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProcessLedger, processStartTime } from "../../agent/exec/process-ledger";
import { createLogger } from "../../agent/log";
import { leftoverState, parsePsTable, stopLeftoverProcesses, type ProcessRow } from "../../agent/tasks/recovery";
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
function startGroup(ignoreTerm: boolean): number {
  const trap = ignoreTerm ? "trap '' TERM; " : "";
  const child = spawn("sh", ["-c", `${trap}sleep 300 & wait`], { detached: true, stdio: "ignore" });
  child.unref();
  spawned.push(child.pid!);
  return child.pid!;
}

describe("what a previous run left behind", () => {
  it("parses ps output, zombies and padded dates included", () => {
    const text = "    1     1 Ss   Fri Nov 27 00:38:24 2026\n  420   400 Z+   Sat Nov  7 01:02:03 2026\n\ngarbage line\n";
    expect(parsePsTable(text)).toEqual([
      { pid: 1, pgid: 1, zombie: false, startedAt: "Fri Nov 27 00:38:24 2026" },
      { pid: 420, pgid: 400, zombie: true, startedAt: "Sat Nov 7 01:02:03 2026" },
    ]);
  });

  it("counts a group as ours only with the recorded start time, or as leaderless remnants", () => {
    const record = { taskId: "t", pid: 400, pgid: 400, startedAt: "Fri Nov 27 00:38:24 2026" };
    const row = (pid: number, pgid: number, startedAt: string, zombie = false): ProcessRow => ({ pid, pgid, startedAt, zombie });
    expect(leftoverState(record, [row(400, 400, record.startedAt), row(401, 400, record.startedAt)])).toBe("running");
    expect(leftoverState(record, [row(401, 400, "Fri Nov 27 00:39:00 2026")])).toBe("running"); // leader gone, a child runs on
    expect(leftoverState(record, [row(400, 400, "Sat Nov 28 10:00:00 2026")])).toBe("reused");
    expect(leftoverState(record, [row(401, 400, record.startedAt, true)])).toBe("ended");
    expect(leftoverState(record, [])).toBe("ended");
    expect(leftoverState({ ...record, startedAt: null }, [row(400, 400, record.startedAt)])).toBe("unverified");
  });

  it("stops a recorded group that still runs (SIGKILL when it ignores SIGTERM) and forgets the record", async () => {
    const ledger = new ProcessLedger(join(dir, "stop"));
    const pid = startGroup(true);
    await waitUntil(() => processStartTime(pid) !== null, 5000, "group started");
    ledger.record("t-stop", pid);
    const outcomes = await stopLeftoverProcesses(ledger, 300, quiet);
    expect(outcomes.get("t-stop")).toBe("stopped");
    await waitUntil(() => isGone(pid), 5000, "group leader gone");
    expect(ledger.list()).toEqual([]);
  });

  it("says ended for a group that is gone, and leaves alone a pid that now belongs to another program", async () => {
    const ledger = new ProcessLedger(join(dir, "other"));
    const pid = startGroup(false);
    await waitUntil(() => processStartTime(pid) !== null, 5000, "group started");
    writeFileSync(join(dir, "other", "processes", `p-${pid}.json`), JSON.stringify({ taskId: "t-reused", pid, pgid: pid, startedAt: "Mon Jan 1 00:00:00 2001" }));
    ledger.record("t-ended", 999_999_999); // no such process
    const outcomes = await stopLeftoverProcesses(ledger, 300, quiet);
    expect(Object.fromEntries(outcomes)).toEqual({ "t-reused": "ended", "t-ended": "ended" });
    expect(isGone(pid)).toBe(false);
    expect(ledger.list()).toEqual([]);
  });
});
