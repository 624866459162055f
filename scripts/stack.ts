/** Starts and stops the hub and the web as real processes; used by `npm start`, the tests and the benchmarks. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { PARENT_PID_VAR } from "../lib/process/parent-watch";
import { roomBuildOptions } from "./hub-bundle";

export const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", ".bin");

export type Proc = { name: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, echo: boolean): Proc {
  // A process group of its own, so stopping it also stops workerd and next's workers (no orphans).
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let atLineStart = true;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-200_000);
    if (!echo) return;
    // Prefix each line once, even when a line arrives in several chunks.
    process.stdout.write((atLineStart ? `[${name}] ` : "") + text.replace(/\n(?=.)/g, `\n[${name}] `));
    atLineStart = text.endsWith("\n");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // Whatever way the leader ends, nothing of its group may outlive it (a crashed hub must not leave workerd holding the port).
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* the group is already gone */
      }
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, output: () => output, stop };
}

/** A server stops by itself once this process is gone (lib/process/parent-watch.ts): its own process group outlives our kill -9. */
const stopsWithUs = () => ({ [PARENT_PID_VAR]: String(process.pid) });

export type HubOptions = {
  port: number;
  webUrl: string;
  secret: string;
  /** Folder for room storage (kept across restarts), or false to keep it in memory. */
  persist: false | string;
  vars?: Record<string, string | undefined>;
  echo?: boolean;
  /** Listen address; loopback unless the operator opens it on purpose. */
  host?: string;
  /** npm run dev: rebuild on change and open the inspector on 127.0.0.1. */
  dev?: boolean;
  /** Another room's bundle (the benchmarks' empty room) instead of party/cockpit.ts's. */
  roomBundle?: string;
};

const HUB_BUILD_DIR = join(ROOT, ".hub-build");

/** Writes under a temporary name and renames: two processes building at once never run half a file. */
function writeWhole(path: string, contents: string | Uint8Array): string {
  mkdirSync(HUB_BUILD_DIR, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
  return path;
}

const compiledScripts = new Map<string, string>();
let roomBundle: string | null = null;

/**
 * scripts/<name>.ts as plain JavaScript (packages stay imports), built once per process: run under tsx, each hub
 * start spent ~1.4 s of CPU on tsx's own start. Lands in .hub-build/, whose scripts find the repository from one level up.
 */
export function compiledScript(name: "hub-server" | "web-server"): string {
  const known = compiledScripts.get(name);
  if (known) return known;
  const built = buildSync({
    entryPoints: [join(ROOT, "scripts", `${name}.ts`)],
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  const path = writeWhole(join(HUB_BUILD_DIR, `${name}.mjs`), built.outputFiles[0]!.contents);
  compiledScripts.set(name, path);
  return path;
}

/** The room's bundle, built once per process and read by every hub it starts (each bundling it cost ~0.5 s of CPU). */
function builtRoom(): string {
  if (roomBundle) return roomBundle;
  const built = buildSync(roomBuildOptions());
  return (roomBundle = writeWhole(join(HUB_BUILD_DIR, "room.mjs"), built.outputFiles[0]!.contents));
}

/** The hub under workerd via scripts/hub-server.ts: settings travel in the environment, never on the command line. */
export function startHub(o: HubOptions): Proc {
  const vars: Record<string, string | undefined> = { COCKPIT_SECRET: o.secret, WEB_URL: o.webUrl, ...o.vars };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stopsWithUs(),
    HUB_PORT: String(o.port),
    HUB_HOST: o.host ?? "127.0.0.1",
    HUB_PERSIST_DIR: o.persist === false ? "" : o.persist,
    // npm run dev's hub rebuilds the room itself on every change.
    HUB_ROOM_BUNDLE: o.dev ? "" : (o.roomBundle ?? builtRoom()),
  };
  for (const [k, v] of Object.entries(vars)) env[k] = v ?? "";
  return launch("hub", process.execPath, [compiledScript("hub-server"), ...(o.dev ? ["--watch", "--inspect"] : [])], env, o.echo ?? false);
}

export type WebOptions = {
  port: number;
  env: Record<string, string | undefined>;
  distDir?: string;
  echo?: boolean;
  host?: string;
  dev?: boolean;
  /** How long the server keeps an idle connection open (Node's default is 5 s). */
  keepAliveTimeoutMs?: number;
  /** Node options for the server's process (the bench's `--cpu-prof`); not for `dev`. */
  nodeArgs?: string[];
};

export function startWeb(o: WebOptions): Proc {
  const env = {
    ...process.env,
    ...stopsWithUs(),
    ...o.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: o.distDir ?? process.env.NEXT_DIST_DIR ?? "",
    PORT: String(o.port),
  };
  const keepAlive = o.keepAliveTimeoutMs ? ["--keepAliveTimeout", String(o.keepAliveTimeoutMs)] : [];
  if (o.dev) return launch("web", join(BIN, "next"), ["dev", "-p", String(o.port), "-H", o.host ?? "127.0.0.1", ...keepAlive], env, o.echo ?? false);
  // Next's handler behind our own server (scripts/web-server.ts), which serves the hot API routes directly.
  const serverEnv = { ...env, NODE_ENV: "production" as const, HOST: o.host ?? "127.0.0.1", WEB_KEEP_ALIVE_MS: String(o.keepAliveTimeoutMs ?? "") };
  return launch("web", process.execPath, [...(o.nodeArgs ?? []), compiledScript("web-server")], serverEnv, o.echo ?? false);
}

/** Polls a URL until it answers (any status below 500) or the deadline passes. */
export async function waitForUrl(url: string, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output().slice(-4000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
}

/** Which of the sources exist, written beside a build: a deleted top-level file (proxy.ts) moves no time we read. */
const SOURCES_STAMP = "cockpit-sources.json";
const presentSources = (sources: readonly string[]) => sources.filter((s) => existsSync(join(ROOT, s)));

export function stampSources(distDir: string, sources: readonly string[], present = presentSources(sources)): void {
  writeFileSync(join(ROOT, distDir, SOURCES_STAMP), JSON.stringify(present));
}

export async function buildWeb(distDir?: string): Promise<void> {
  const dist = distDir || process.env.NEXT_DIST_DIR || ".next";
  // Read before building: a file added while it runs is newer than the build and makes it stale by its time.
  const present = presentSources(WEB_SOURCES);
  await runNextBuild(distDir);
  stampSources(dist, WEB_SOURCES, present);
}

function runNextBuild(distDir?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BIN, "next"), ["build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir ?? process.env.NEXT_DIST_DIR ?? "" },
    });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed with ${code}`))));
  });
}

/** Binds and releases `port` on loopback: whether a server could listen there now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first port the kernel hands to outgoing connections (Linux's ip_local_port_range; 32768 elsewhere). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 12_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * A free port for a server about to start, picked below the ephemeral range: a port from `listen(0)` lies inside it,
 * so any outgoing connection (the tests make thousands) could take it before the server binds, and the server would
 * then fail to start while the port answered for someone else.
 */
export async function freePort(): Promise<number> {
  const low = 10_000;
  const high = ephemeralLow() - 1;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${low} and ${high}`);
}

function newestMtime(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  const dir = path;
  // A folder's own time moves when a file in it is deleted or renamed: a build is stale then too.
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** What a web build is made from: a change to any of them makes a build stale. */
export const WEB_SOURCES = ["app", "components", "lib", "drizzle", "instrumentation.ts", "proxy.ts", "next.config.ts", "public"] as const;

/** Whether `distDir` has no build yet, or one older than any of the given source files or any file under the folders. */
export function buildIsStale(distDir: string, sources: readonly string[]): boolean {
  const buildId = join(ROOT, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const stamp = join(ROOT, distDir, SOURCES_STAMP);
  if (existsSync(stamp)) {
    const then = new Set(JSON.parse(readFileSync(stamp, "utf8")) as string[]);
    if (sources.some((d) => then.has(d) !== existsSync(join(ROOT, d)))) return true;
  }
  return sources.some((d) => existsSync(join(ROOT, d)) && newestMtime(join(ROOT, d)) > built);
}

export type StackPlanOptions = { pingIntervalMs?: number; staleAfterMs?: number; hubVars?: Record<string, string>; webEnv?: Record<string, string> };

/** Where a throwaway hub + web pair (tests, benchmarks) lives: temp folder and database, free ports, fresh secrets. */
export async function planStack(prefix: string, o: StackPlanOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, "cockpit.db");
  const [webPort, hubPort] = [await freePort(), await freePort()];
  const webUrl = `http://127.0.0.1:${webPort}`;
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const secret = randomBytes(24).toString("hex");
  const adminKey = `qk_${randomBytes(16).toString("hex")}`;
  const hubVars: Record<string, string | undefined> = {
    QUEUE_API_KEY: adminKey,
    PING_INTERVAL_MS: o.pingIntervalMs ? String(o.pingIntervalMs) : undefined,
    STALE_AFTER_MS: o.staleAfterMs ? String(o.staleAfterMs) : undefined,
    ...o.hubVars,
  };
  // The web gets the hub's ping interval too: dashboards time their watchdog with it.
  const webEnv: Record<string, string | undefined> = {
    DATABASE_URL: `file:${dbPath}`,
    COCKPIT_SECRET: secret,
    HUB_URL: hubUrl,
    QUEUE_API_KEY: adminKey,
    PING_INTERVAL_MS: hubVars.PING_INTERVAL_MS,
    ...o.webEnv,
  };
  return { dir, dbPath, webPort, hubPort, webUrl, hubUrl, wsUrl: `ws://127.0.0.1:${hubPort}`, secret, adminKey, hubVars, webEnv };
}

/** fetch against the web with `Authorization: Bearer` (the admin key unless `key` says otherwise; null sends none). */
export function bearerApi(webUrl: string, defaultKey: string) {
  return (path: string, init: RequestInit & { key?: string | null } = {}): Promise<Response> => {
    const { key = defaultKey, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (key) headers.set("authorization", `Bearer ${key}`);
    if (rest.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(`${webUrl}${path}`, { ...rest, headers });
  };
}
