import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { asProcessEnv } from "./run-process";

const recordSchema = z.object({
  taskId: z.string(),
  pid: z.number().int().positive(),
  pgid: z.number().int().positive(),
  /** `ps -o lstart=` of the group's leader: a reused pid has another start time, so it is never mistaken for ours. */
  startedAt: z.string().nullable(),
});
export type ProcessRecord = z.infer<typeof recordSchema>;

/** ps speaks C, so its dates read the same whatever the user's locale. */
export const PS_ENV: NodeJS.ProcessEnv = asProcessEnv({ PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" });

/** When the process started, as `ps -o lstart=` says (whitespace collapsed), or null when it is gone or ps failed. */
export function processStartTime(pid: number): string | null {
  try {
    const out = execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], { encoding: "utf8", env: PS_ENV, stdio: ["ignore", "pipe", "ignore"], timeout: 5000 });
    return normalizeStartTime(out);
  } catch {
    return null;
  }
}

export function normalizeStartTime(text: string): string | null {
  const collapsed = text.trim().replace(/\s+/g, " ");
  return collapsed === "" ? null : collapsed;
}

/**
 * The process groups of running tasks, on disk beside the spool (one small file each), written when a task's
 * process starts and removed when it ends: after a crash, the next start finds what was left running.
 */
export class ProcessLedger {
  private readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, "processes");
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Called right after spawn; a task's process leads its own group, so pgid is its pid. */
  record(taskId: string, pid: number): void {
    const record: ProcessRecord = { taskId, pid, pgid: pid, startedAt: processStartTime(pid) };
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
