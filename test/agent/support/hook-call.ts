import { spawn } from "node:child_process";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "..", "..", "agent", "bin.mjs");

export type HookRun = { code: number | null; stdout: string; stderr: string };

/** Runs `cockpit-agent hook <event>` as Claude Code does: the hook input JSON on stdin, the answer on stdout. */
export function runHook(event: string, input: Record<string, unknown>, stateDir: string): Promise<HookRun> {
  const child = spawn(process.execPath, [BIN, "hook", event, "--state-dir", stateDir], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(JSON.stringify(input));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

/** Claude Code's documented common hook input fields, plus the event's own. */
export function hookInput(event: string, sessionId: string, cwd: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { session_id: sessionId, transcript_path: join(cwd, ".no-transcript.jsonl"), cwd, hook_event_name: event, ...extra };
}
