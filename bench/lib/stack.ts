/** The real hub and web for one bench section, on free ports and a temp libSQL file that can be seeded first. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bearerApi, freePort, planStack, startHub, startWeb, waitForUrl, type Proc } from "../../scripts/stack";

export { freePort };

export const BENCH_DIST_DIR = process.env.NEXT_TEST_DIST_DIR || ".next-test-bench";

export type BenchStackOptions = {
  pingIntervalMs?: number;
  staleAfterMs?: number;
  webEnv?: Record<string, string>;
  /** Extra room vars for the hub (e.g. HUB_HIBERNATE). */
  hubVars?: Record<string, string>;
  /** Run the web under `node --cpu-prof`, writing .cpuprofile files here when it stops. */
  cpuProfileDir?: string;
};

export type BenchStack = {
  webUrl: string;
  hubUrl: string;
  wsUrl: string;
  adminKey: string;
  dbPath: string;
  dir: string;
  hubProc: () => Proc;
  /** The web's process (group leader), while it runs. */
  webProc: () => Proc | null;
  api: (path: string, init?: RequestInit & { key?: string }) => Promise<Response>;
  createKey: (role: "agent" | "viewer" | "operator" | "admin") => Promise<string>;
  startWeb: () => Promise<void>;
  stopWeb: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The web's server under `node --cpu-prof` (NODE_OPTIONS may not carry it); SIGTERM lets it exit and write it. Each
 * SQL statement's calls, rows and time go to sql.json beside it (lib/db/statement-cache.ts).
 */
function startProfiledWeb(port: number, env: Record<string, string | undefined>, dir: string): Proc {
  return startWeb({
    port,
    env: { ...env, COCKPIT_SQL_PROFILE: join(dir, "sql.json") },
    distDir: BENCH_DIST_DIR,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  });
}

/** Keeps the last output of a stopped server in bench/out/logs for diagnosis. */
function keepLog(name: string, proc: Proc | null): void {
  if (!proc) return;
  const dir = join(import.meta.dirname, "..", "out", "logs");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${name}.log`), proc.output());
}

/** Creates the paths and ports; the database may be seeded before `startWeb()` (the hub starts at once). */
export async function createBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const { dir, dbPath, webPort, hubPort, webUrl, hubUrl, wsUrl, secret, adminKey, hubVars, webEnv } = await planStack("cockpit-bench-", options);
  const hub = startHub({ port: hubPort, webUrl, secret, persist: false, vars: hubVars });
  let web: Proc | null = null;
  const api: BenchStack["api"] = bearerApi(webUrl, adminKey);

  try {
    await waitForUrl(`${hubUrl}/health`, hub);
  } catch (error) {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    webUrl,
    hubUrl,
    wsUrl,
    adminKey,
    dbPath,
    dir,
    hubProc: () => hub,
    webProc: () => web,
    api,
    async createKey(role) {
      const res = await api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name: `bench ${role}`, role }) });
      if (res.status !== 201) throw new Error(`could not create key: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
    async startWeb() {
      web = options.cpuProfileDir
        ? startProfiledWeb(webPort, webEnv, options.cpuProfileDir)
        : startWeb({ port: webPort, env: webEnv, distDir: BENCH_DIST_DIR });
      await waitForUrl(`${webUrl}/api/health`, web, 120_000);
    },
    async stopWeb() {
      await web?.stop();
      keepLog("web", web);
      web = null;
    },
    async stop() {
      await Promise.all([web?.stop(), hub.stop()]);
      keepLog("web", web);
      keepLog("hub", hub);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every process in a process group (workerd runs as a child of the hub's node process): pid, name and /proc stat fields. */
function groupProcesses(groupId: number): { pid: number; name: string; fields: string[] }[] {
  const found: { pid: number; name: string; fields: string[] }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces) start with state, ppid, pgrp.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      found.push({ pid: Number(entry), name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields });
    } catch {
      /* the process ended while we looked */
    }
  }
  return found;
}

/** Resident memory of every process in a process group, by name. */
export function groupRss(groupId: number): { total: number; byName: Record<string, number> } {
  const byName: Record<string, number> = {};
  let total = 0;
  for (const p of groupProcesses(groupId)) {
    try {
      const bytes = processRssBytes(p.pid);
      byName[p.name] = (byName[p.name] ?? 0) + bytes;
      total += bytes;
    } catch {
      /* the process ended while we looked */
    }
  }
  return { total, byName };
}

/** CPU time (user + system) used so far by the processes of a group, ms (Linux clock ticks are 10 ms). */
export function groupCpuMs(groupId: number): number {
  // utime and stime are the 12th and 13th fields after the command name.
  return groupProcesses(groupId).reduce((sum, p) => sum + (Number(p.fields[11]) + Number(p.fields[12])) * 10, 0);
}

/** Resident memory of one process. */
export function processRssBytes(pid: number): number {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return rss ? Number(rss[1]) * 1024 : 0;
}

/** A fresh folder for CPU profiles of the web. */
export function profileDir(name: string): string {
  const dir = join(import.meta.dirname, "..", "out", "profiles", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
