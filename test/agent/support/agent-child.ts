import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "..", "..", "agent", "bin.mjs");

export type AgentChild = {
  child: ChildProcess;
  output: () => string;
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** Sends the signal and resolves with the exit code once the agent exited (SIGKILL after timeoutMs). */
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<number | null>;
};

/** The real `cockpit-agent` bin as a child process, with the key passed through COCKPIT_KEY. */
export function spawnAgent(args: string[], key: string): AgentChild {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, COCKPIT_KEY: key }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null) throw new Error(`agent exited (${child.exitCode}) before ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`agent output did not match ${pattern} within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = "SIGTERM", timeoutMs = 20_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
