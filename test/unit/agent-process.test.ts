import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { TASK_GATE, runProcess, scrubbedEnv } from "../../agent/exec/run-process";
import { isGone, waitUntil } from "../agent/support/processes";

const dir = mkdtempSync(join(tmpdir(), "agent-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { cwd: dir, env: scrubbedEnv(), timeoutMs: 10_000, killGraceMs: 300, maxOutputChars: 10_000 };

describe("runProcess", () => {
  it("runs argv without a shell and captures stdout and stderr", async () => {
    const run = await runProcess({ ...base, argv: ["sh", "-c", "echo out; echo err >&2; exit 3"] });
    expect(run.exitCode).toBe(3);
    expect(run.output).toContain("out");
    expect(run.output).toContain("err");
    const literal = await runProcess({ ...base, argv: ["echo", "$HOME", "*", ";", "id"] });
    expect(literal.output.trim()).toBe("$HOME * ; id");
  });

  it("shows NUL bytes in output as U+FFFD, which the protocol accepts", async () => {
    const chunks: string[] = [];
    const run = await runProcess({ ...base, argv: ["printf", "a\\000b"], onOutput: (c) => chunks.push(c) });
    expect(run.output).toBe("a\ufffdb");
    expect(chunks.join("")).toBe("a\ufffdb");
  });

  it("kills the whole process group on timeout, SIGKILL after the grace when SIGTERM is ignored", async () => {
    const script = join(dir, "stubborn.sh");
    writeFileSync(script, `trap '' TERM\necho $$ > ${dir}/parent.pid\nsleep 300 &\necho $! > ${dir}/child.pid\nwait\n`);
    const started = Date.now();
    const run = await runProcess({ ...base, argv: ["sh", script], timeoutMs: 500 });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe("SIGKILL");
    expect(Date.now() - started).toBeGreaterThanOrEqual(700); // timeout + grace: SIGTERM alone did not end it
    const pids = ["parent.pid", "child.pid"].map((f) => Number(readFileSync(join(dir, f), "utf8")));
    await waitUntil(() => pids.every(isGone), 3000, "both processes gone");
  });

  it("stops on abort and reports it as cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort("user"), 200);
    const run = await runProcess({ ...base, argv: ["sleep", "30"], signal: controller.signal });
    expect(run.cancelled).toBe(true);
    expect(run.durationMs).toBeLessThan(5000);
  });

  it("keeps only the tail of long output and says so", async () => {
    const run = await runProcess({ ...base, argv: ["sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done"], maxOutputChars: 2000 });
    expect(run.truncated).toBe(true);
    expect(run.output.length).toBeLessThanOrEqual(2000);
    expect(run.output).toMatch(/output truncated/);
    expect(run.output).toContain("line-1999");
    expect(run.outputChars).toBeGreaterThan(10_000);
  });

  it("reports a missing command instead of throwing", async () => {
    const run = await runProcess({ ...base, argv: ["definitely-not-a-command-xyz"] });
    expect(run.spawnError).toMatch(/command not found/);
  });

  it("passes only the scrubbed environment", async () => {
    const env = scrubbedEnv({ EXTRA: "1" }, { PATH: process.env.PATH, HOME: "/h", COCKPIT_KEY: "secret", AWS_SECRET_ACCESS_KEY: "x" });
    expect(env).toEqual({ PATH: process.env.PATH, HOME: "/h", EXTRA: "1" });
    const run = await runProcess({ ...base, env, argv: ["env"] });
    expect(run.output).not.toContain("secret");
    expect(run.output).toContain("EXTRA=1");
  });
});

describe("runProcess with its group on record (onGroupStart)", () => {
  const recorded = { onGroupStart: () => undefined, onGroupEnd: () => undefined };

  it("starts the program only after the record is written, as the group's leader, without the gate's pipe", async () => {
    const marker = join(dir, "started");
    let seenAtRecord: boolean | null = null;
    let leader = 0;
    const run = await runProcess({
      ...base,
      argv: ["sh", "-c", `touch ${marker}; echo pid=$$; if [ -e /proc/$$/fd/3 ]; then echo fd3-open; fi; read -r line || echo stdin-empty`],
      onGroupStart: (pgid) => {
        leader = pgid;
        // Half a second in the record: an ungated program would have made its marker by now.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
        seenAtRecord = existsSync(marker);
      },
    });
    expect(seenAtRecord).toBe(false);
    expect(existsSync(marker)).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain(`pid=${leader}`); // exec kept the pid: the recorded group is the program's
    expect(run.output).not.toContain("fd3-open");
    expect(run.output).toContain("stdin-empty");
  });

  it("reports a missing command as before", async () => {
    const run = await runProcess({ ...base, ...recorded, argv: ["definitely-not-a-command-xyz"] });
    expect(run.spawnError).toMatch(/command not found: definitely-not-a-command-xyz/);
    const own127 = await runProcess({ ...base, ...recorded, argv: ["sh", "-c", "exit 127"] });
    expect(own127).toMatchObject({ spawnError: null, exitCode: 127 });
  });

  it("runs nothing when the agent is gone before the go (the gate's pipe closes unanswered)", async () => {
    const marker = join(dir, "never");
    const gate = spawn("/bin/sh", ["-c", TASK_GATE, "cockpit-task", "touch", marker], { stdio: ["ignore", "pipe", "pipe", "pipe"] });
    (gate.stdio[3] as Duplex).end();
    const code = await new Promise<number | null>((resolve) => gate.once("close", (c) => resolve(c)));
    expect(code).toBe(125);
    expect(existsSync(marker)).toBe(false);
  });
});
