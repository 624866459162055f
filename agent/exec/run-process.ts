import { spawn } from "node:child_process";
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { OutputTail } from "./output-tail";

export type RunRequest = {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  killGraceMs: number;
  maxOutputChars: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
  /** Like onOutput, naming the stream: a caller that parses stdout (JSON lines) must not see stderr spliced in. */
  onStream?: (stream: "stdout" | "stderr", chunk: string) => void;
  /** Told the process group's id right after spawn, and again once the group is gone (durable bookkeeping). */
  onGroupStart?: (pgid: number) => void;
  onGroupEnd?: (pgid: number) => void;
};

export type RunOutcome = {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  spawnError: string | null;
  output: string;
  outputChars: number;
  truncated: boolean;
  durationMs: number;
};

/** Variables a task may see from the agent's own environment; everything else (keys, tokens) is dropped. */
const PASSED_THROUGH = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR", "TZ", "SHELL"];

export function scrubbedEnv(extra: Record<string, string> = {}, source: Record<string, string | undefined> = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Next's type augmentation makes NODE_ENV a required key of ProcessEnv; a child's env needs no such key. */
export function asProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return env as NodeJS.ProcessEnv;
}

/**
 * The gate (see runProcess): wait for the go on fd 3, say "missing" there for a command that does not exist, close
 * fd 3 so the program never sees it, then become the program. EOF instead of a go (the agent died) runs nothing.
 */
export const TASK_GATE = 'read -r _ <&3 || exit 125; command -v -- "$1" >/dev/null 2>&1 || { echo missing >&3; exit 127; }; exec 3>&-; exec "$@"';

/** Process groups of tasks still running, so a forced exit can take them down too. */
const liveGroups = new Set<number>();

/** SIGKILL to every task's process group; for exits that cannot wait for a graceful stop. */
export function killAllTaskProcesses(): void {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
  liveGroups.clear();
}

/** Signals a whole process group; a group already gone is fine. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group has exited */
  }
}

/**
 * Runs argv in its own process group (detached), so a timeout or a cancel reaches every process it started:
 * SIGTERM to the group, then SIGKILL after the grace period. Leftover processes are reaped when the main one exits.
 */
export function runProcess(req: RunRequest): Promise<RunOutcome> {
  const started = Date.now();
  const tail = new OutputTail(req.maxOutputChars);
  return new Promise((resolve) => {
    const [command, ...args] = req.argv;
    if (!command) {
      resolve({
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: false,
        spawnError: "empty command",
        output: "",
        outputChars: 0,
        truncated: false,
        durationMs: 0,
      });
      return;
    }
    // With durable bookkeeping, the program starts only once its group is on record: a gate shell (the group's
    // leader) waits for a line on fd 3, then execs the program in its place, same pid and group. An agent killed
    // before the record is written leaves nothing running; one killed after it leaves a group the restart finds.
    const gated = req.onGroupStart !== undefined;
    const child = gated
      ? spawn("/bin/sh", ["-c", TASK_GATE, "cockpit-task", command, ...args], { cwd: req.cwd, env: asProcessEnv(req.env), detached: true, stdio: ["ignore", "pipe", "pipe", "pipe"] })
      : spawn(command, args, { cwd: req.cwd, env: asProcessEnv(req.env), detached: true, stdio: ["ignore", "pipe", "pipe"], shell: false });
    let missing = false;
    if (child.pid) {
      liveGroups.add(child.pid);
      req.onGroupStart?.(child.pid);
    }
    const gate = gated ? (child.stdio[3] as Duplex | null) : null;
    if (gate) {
      gate.on("data", (data: Buffer) => (missing ||= data.toString().includes("missing")));
      gate.on("error", () => undefined); // the gate exited early (missing command): its exit code says so
      gate.end("go\n");
    }
    let timedOut = false;
    let cancelled = false;
    let spawnError: string | null = null;
    let killTimer: ReturnType<typeof setTimeout> | null = null;
    let exit: { code: number | null; signal: string | null } | null = null;

    const terminate = () => {
      if (!child.pid || killTimer) return;
      killGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => killGroup(child.pid!, "SIGKILL"), req.killGraceMs);
    };
    const timeout = setTimeout(() => {
      timedOut = true;
      terminate();
    }, req.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      terminate();
    };
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener("abort", onAbort, { once: true });

    for (const [name, stream] of [
      ["stdout", child.stdout],
      ["stderr", child.stderr],
    ] as const) {
      const decoder = new StringDecoder("utf8");
      stream?.on("data", (data: Buffer) => {
        // The protocol refuses NUL in text (storage would cut it there): show it as U+FFFD, like invalid UTF-8.
        const text = decoder.write(data).replaceAll("\u0000", "\ufffd");
        if (!text) return;
        tail.push(text);
        req.onOutput?.(text);
        req.onStream?.(name, text);
      });
    }
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = error.code === "ENOENT" ? `command not found: ${command}` : error.message;
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Background processes the task left behind must not outlive it (nor hold its output pipes open).
      if (child.pid) killGroup(child.pid, "SIGKILL");
    });
    child.on("close", (code, signal) => {
      if (missing && code === 127) spawnError = `command not found: ${command}`;
      if (child.pid) {
        liveGroups.delete(child.pid);
        req.onGroupEnd?.(child.pid);
      }
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      req.signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode: exit?.code ?? code,
        signal: exit?.signal ?? signal,
        timedOut,
        cancelled,
        spawnError,
        output: tail.render(),
        outputChars: tail.totalChars,
        truncated: tail.truncated,
        durationMs: Date.now() - started,
      });
    });
  });
}
