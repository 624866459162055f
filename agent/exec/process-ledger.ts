import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { asProcessEnv } from "./run-process";

const recordSchema = z.object({
  taskId: z.string(),
  pid: z.number().int().positive(),
  pgid: z.number().int().positive(),
  /** Epoch ms, taken right after spawn: a reused pid belongs to a process that started at another time. */
  spawnedAt: z.number().int(),
});
export type ProcessRecord = z.infer<typeof recordSchema>;

/** ps speaks C and UTC, so its dates parse the same whatever the user's locale and time zone. */
export const PS_ENV: NodeJS.ProcessEnv = asProcessEnv({ PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", TZ: "UTC" });

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `ps -o lstart=` under PS_ENV ("Fri Nov 27 00:38:24 2026", UTC) as epoch ms, or null when it does not parse. */
export function parseStartTime(lstart: string): number | null {
  const match = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(lstart.trim());
  const month = match ? MONTHS.indexOf(match[1]!) : -1;
  if (!match || month < 0) return null;
  return Date.UTC(Number(match[6]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
}

/**
 * The process groups of running tasks, on disk beside the spool (one small file each), written right after a
 * task's process starts and removed when its group ends: after a crash, the next start finds what was left running.
 */
export class ProcessLedger {
  private readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, "processes");
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Called right after spawn, before the task's program may start (runProcess's gate); a task's process leads its own
   * group, so pgid is its pid. An agent killed -9 before this is written leaves nothing running.
   */
  record(taskId: string, pid: number, spawnedAt = Date.now()): void {
    const record: ProcessRecord = { taskId, pid, pgid: pid, spawnedAt };
    const file = this.fileFor(pid);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    renameSync(tmp, file);
  }

  remove(pid: number): void {
    rmSync(this.fileFor(pid), { force: true });
  }

  list(): ProcessRecord[] {
    const records: ProcessRecord[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(".json")) continue;
      try {
        records.push(recordSchema.parse(JSON.parse(readFileSync(join(this.dir, name), "utf8"))));
      } catch {
        rmSync(join(this.dir, name), { force: true }); // a torn record names no process we could safely signal
      }
    }
    return records;
  }

  private fileFor(pid: number): string {
    return join(this.dir, `p-${pid}.json`);
  }
}
