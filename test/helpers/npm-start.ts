/** Runs `npm start`'s script (scripts/start.ts) exactly as a user would, on free ports with a temp data folder. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT } from "../../scripts/stack";
import { TEST_DIST_DIR } from "./test-build";

export type SupervisedStack = {
  pid: number;
  child: ChildProcess;
  webPort: number;
  hubPort: number;
  dataDir: string;
  output: () => string;
  /** Resolves when `text` has appeared in the output after `from` (an offset into it). */
  waitForOutput: (text: string | RegExp, from?: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** The process groups led by the direct children of `pid` (Linux /proc). */
function childGroups(pid: number): number[] {
  const groups = new Set<number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: pid (comm) state ppid pgrp …; comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === pid && Number(pgrp) !== pid) groups.add(Number(pgrp));
    } catch {
      // gone meanwhile
    }
  }
  return [...groups];
}

function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // gone
  }
}

export async function startSupervisedStack(env: Record<string, string> = {}): Promise<SupervisedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "cockpit-start-"));
  const [webPort, hubPort] = [await freePort(), await freePort()];
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(webPort),
      HUB_PORT: String(hubPort),
      COCKPIT_DATA_DIR: dataDir,
      DATABASE_URL: `file:${join(dataDir, "cockpit.db")}`,
      NEXT_DIST_DIR: TEST_DIST_DIR,
      ...env,
    },
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const waitForOutput: SupervisedStack["waitForOutput"] = (text, from = 0, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const rest = output.slice(from);
        if (typeof text === "string" ? rest.includes(text) : text.test(rest)) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${String(text)} in npm start's output within ${timeoutMs} ms:\n${output.slice(-4000)}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  const stack: SupervisedStack = {
    pid: child.pid!,
    child,
    webPort,
    hubPort,
    dataDir,
    output: () => output,
    waitForOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // The web and the hub run in process groups of their own: known now, so a supervisor killed below cannot
        // leave them running (an orphaned web on a deleted database once spun at half a core for an hour).
        const groups = childGroups(child.pid!);
        process.kill(child.pid!, "SIGINT");
        const timer = setTimeout(() => {
          for (const group of [child.pid!, ...groups]) killGroup(group);
        }, 15_000);
        await exited;
        clearTimeout(timer);
        for (const group of groups) killGroup(group);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await waitForOutput("Cockpit is running", 0, 150_000);
  return stack;
}
