import { execFile } from "node:child_process";
import { PS_ENV, parseStartTime, type ProcessLedger, type ProcessRecord } from "../exec/process-ledger";
import type { Logger } from "../log";

/** One line of the process table; startedAt in epoch ms (ps gives whole seconds). */
export type ProcessRow = { pid: number; pgid: number; zombie: boolean; startedAt: number | null };
/** running: ours and alive; ended: nothing of it left; reused: its pid now belongs to another program. */
export type LeftoverState = "running" | "ended" | "reused";

/**
 * How far ps's start time of our group leader may be from the time recorded at spawn: ps rounds down to the
 * second and derives it from the boot time, which NTP can nudge. A reused pid cannot come back within seconds.
 */
export const START_TOLERANCE_MS = 5_000;
/** Per task id: were processes left running by the previous run stopped now, or had they all ended already? */
export type LeftoverOutcome = "stopped" | "ended";

export const INTERRUPTED_STOPPED = "the agent restarted while this task ran; its processes were stopped";
export const INTERRUPTED_ENDED = "the agent stopped while this task ran and its processes had ended by the restart; the outcome is unknown";

/** Parses `ps -A -o pid=,pgid=,stat=,lstart=` (lstart is the rest of the line, e.g. "Fri Nov 27 00:38:24 2026", UTC). */
export function parsePsTable(text: string): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const line of text.split("\n")) {
    const [pid, pgid, stat, ...start] = line.trim().split(/\s+/);
    if (!pid || !pgid || !stat || !/^\d+$/.test(pid) || !/^\d+$/.test(pgid)) continue;
    rows.push({ pid: Number(pid), pgid: Number(pgid), zombie: stat.startsWith("Z"), startedAt: parseStartTime(start.join(" ")) });
  }
  return rows;
}

function processTable(): Promise<ProcessRow[]> {
  return new Promise((resolve, reject) => {
    execFile(
      "ps",
      ["-A", "-o", "pid=,pgid=,stat=,lstart="],
      { encoding: "utf8", env: PS_ENV, timeout: 10_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(parsePsTable(stdout));
      },
    );
  });
}

/**
 * Whether a recorded group is still ours and alive. Its leader is ours only if it started when we spawned it. A
 * group whose leader is gone can still hold the task's other processes; Linux and macOS do not hand out a pid that
 * is still some group's id, so those members are ours.
 */
export function leftoverState(record: ProcessRecord, table: readonly ProcessRow[]): LeftoverState {
  const leader = table.find((row) => row.pid === record.pid);
  if (leader && (leader.startedAt === null || Math.abs(leader.startedAt - record.spawnedAt) > START_TOLERANCE_MS)) return "reused";
  return table.some((row) => row.pgid === record.pgid && !row.zombie) ? "running" : "ended";
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* the group ended meanwhile */
  }
}

/**
 * On start: every process group a previous run of the agent left running (it was killed, or the machine slept
 * through a crash) gets SIGTERM, then SIGKILL after `graceMs`. Returns, per task id, whether its processes were
 * stopped now or had ended already; the records are removed either way.
 */
export async function stopLeftoverProcesses(ledger: ProcessLedger, graceMs: number, log: Logger): Promise<Map<string, LeftoverOutcome>> {
  const outcomes = new Map<string, LeftoverOutcome>();
  const records = ledger.list();
  log.debug(`${records.length} task process group(s) recorded by the last run`);
  if (records.length === 0) return outcomes;
  let table: ProcessRow[];
  try {
    table = await processTable();
  } catch (error) {
    log.error(
      `cannot list processes to stop what the last run left behind (ps: ${(error as Error).message}); task processes ${records.map((r) => r.pid).join(", ")} may still run`,
    );
    for (const r of records) ledger.remove(r.pid);
    return outcomes;
  }
  const targets: ProcessRecord[] = [];
  for (const record of records) {
    const state = leftoverState(record, table);
    if (state === "running") targets.push(record);
    if (state === "reused") log.info(`task ${record.taskId}: pid ${record.pid} now belongs to another program; leaving it alone`);
    if (state === "ended") log.info(`task ${record.taskId}: its processes (group ${record.pgid}) had ended before the restart`);
    outcomes.set(record.taskId, state === "running" ? "stopped" : (outcomes.get(record.taskId) ?? "ended"));
  }
  for (const target of targets) {
    log.warn(`task ${target.taskId}: its processes (group ${target.pgid}) were still running from before the restart; stopping them`);
    signalGroup(target.pgid, "SIGTERM");
  }
  const deadline = Date.now() + graceMs;
  let remaining = targets;
  while (remaining.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await processTable().catch(() => null); // ps failing now: keep waiting, then SIGKILL to be sure
    if (now) remaining = remaining.filter((t) => now.some((row) => row.pgid === t.pgid && !row.zombie));
  }
  for (const target of remaining) signalGroup(target.pgid, "SIGKILL");
  for (const record of records) ledger.remove(record.pid);
  return outcomes;
}
