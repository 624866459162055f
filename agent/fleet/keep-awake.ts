import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { Logger } from "../log";

/** How the agent keeps its machine awake while tasks run: which tool, or why not. Reported in agent-status metadata. */
export type KeepAwakeState = { mode: "caffeinate" | "systemd-inhibit" | "disabled" | "unavailable"; active: boolean };

/** The full path of `name` on PATH, or null. */
export function findOnPath(name: string, path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** The command that holds the machine awake for as long as it runs (and no longer than this process). */
export function keepAwakeCommand(platform: NodeJS.Platform, pid: number, find = findOnPath): { mode: KeepAwakeState["mode"]; argv: string[] } | null {
  if (platform === "darwin") {
    const caffeinate = find("caffeinate");
    // -i: no idle sleep; -w: ends by itself when the agent exits, even if it is killed.
    return caffeinate ? { mode: "caffeinate", argv: [caffeinate, "-i", "-w", String(pid)] } : null;
  }
  if (platform === "linux") {
    const inhibit = find("systemd-inhibit");
    const tail = find("tail");
    if (!inhibit || !tail) return null;
    // tail --pid ends when the agent exits, so a killed agent leaves no lock behind.
    return {
      mode: "systemd-inhibit",
      argv: [inhibit, "--what=sleep:idle", "--who=cockpit-agent", "--why=running Cockpit tasks", "--mode=block", tail, `--pid=${pid}`, "-f", "/dev/null"],
    };
  }
  return null;
}

/** Holds the machine awake while `setBusy(true)`, through caffeinate (macOS) or systemd-inhibit (Linux) when present. */
export class KeepAwake {
  private child: ChildProcess | null = null;
  private mode: KeepAwakeState["mode"];
  private readonly argv: string[] | null;

  constructor(
    enabled: boolean,
    private readonly log: Logger,
    private readonly onChange: () => void,
  ) {
    const command = enabled ? keepAwakeCommand(process.platform, process.pid) : null;
    this.mode = !enabled ? "disabled" : command ? command.mode : "unavailable";
    this.argv = command?.argv ?? null;
  }

  state(): KeepAwakeState {
    return { mode: this.mode, active: this.child !== null };
  }

  setBusy(busy: boolean): void {
    if (busy && !this.child && this.argv) this.start(this.argv);
    else if (!busy && this.child) this.release();
  }

  private start([cmd, ...args]: string[]): void {
    const child = spawn(cmd!, args, { stdio: "ignore" });
    this.child = child;
    child.once("error", (e) => this.giveUp(child, e.message));
    child.once("exit", (code) => {
      // Exiting while still wanted means the tool refused (no logind on this machine, say): stop trying.
      if (this.child === child) this.giveUp(child, `exited with ${code}`);
    });
    this.log.debug(`keeping the machine awake while tasks run (${this.mode})`);
    this.onChange();
  }

  private giveUp(child: ChildProcess, why: string): void {
    if (this.child !== child) return;
    this.child = null;
    this.log.warn(`cannot keep the machine awake with ${this.mode} (${why}); tasks may pause if it sleeps`);
    this.mode = "unavailable";
    this.onChange();
  }

  release(): void {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill("SIGTERM");
    this.onChange();
  }
}
