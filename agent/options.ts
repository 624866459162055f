import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { durationMs } from "../lib/protocol/duration";
import { CommandError, splitArgv } from "./exec/argv";
import { loadConfigFile, type ConfigFile, type TemplateExecutorConfig } from "./config-file";
import type { SubagentConfig } from "./executors/subagent-config";
import type { HooksConfig } from "./hooks/hooks-config";

/** Everything the agent needs to run, validated and with defaults applied. The key is held, never printed. */
export type AgentOptions = {
  hubUrl: string;
  key: string;
  agentId: string;
  repos: string[];
  scan: string[];
  scanDepth: number;
  capabilities: string[];
  allow: string[];
  pollIntervalMs: number;
  taskTimeoutMs: number;
  killGraceMs: number;
  stopGraceMs: number;
  maxConcurrency: number;
  maxOutputBytes: number;
  stateDir: string;
  watch: boolean;
  logLevel: "error" | "warn" | "info" | "debug";
  taskEnv: Record<string, string>;
  executors: Record<string, TemplateExecutorConfig>;
  /** Fleet (issue 14): health sample interval, the timer lateness counted as a sleep, keep the machine awake while busy. */
  metricsIntervalMs: number;
  sleepGapMs: number;
  keepAwake: boolean;
  subagent?: SubagentConfig;
  hooks?: HooksConfig;
  /** `--fetch-every`: fetch (never pull) every watched repository this often; null = never (the default). */
  fetchEveryMs: number | null;
};

export type CliOutcome = { kind: "help" } | { kind: "version" } | { kind: "run"; options: AgentOptions };

/** A bad option: the CLI prints the message and exits with status 2. */
export class OptionsError extends Error {}

export type CliEnvironment = {
  argv: string[];
  env: Record<string, string | undefined>;
  hostname: string;
  homedir: string;
  cwd: string;
  readConfig?: (path: string) => ConfigFile;
};

const ID_PATTERN = /^[A-Za-z0-9._:@-]+$/;
const CAPABILITY_PATTERN = /^[A-Za-z0-9._:-]+$/;

/** The host name made into a valid agent id: anything outside [A-Za-z0-9._:@-] becomes "-". */
export function sanitizeAgentId(hostname: string): string {
  const cleaned = hostname
    .trim()
    .replace(/[^A-Za-z0-9._:@-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 128);
  return cleaned || "cockpit-agent";
}

/** An option's duration (see durationMs: a bare number is milliseconds); a bad one names the option. */
export function parseDuration(input: string | number, what: string): number {
  if (typeof input === "number") return input;
  const ms = durationMs(input);
  if (ms === null) throw new OptionsError(`${what}: "${input}" is not a duration (use e.g. 500ms, 30s, 5m, 1h)`);
  return ms;
}

function positiveInt(input: string, what: string, max: number): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new OptionsError(`${what}: "${input}" must be a whole number from 1 to ${max}`);
  return n;
}

/** Accepts ws(s):// or http(s):// and returns the ws(s) origin plus any path prefix, without a trailing slash. */
export function normalizeHubUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OptionsError(`--hub: "${input}" is not a URL (expected e.g. ws://127.0.0.1:1999)`);
  }
  if (url.protocol === "http:") url.protocol = "ws:";
  else if (url.protocol === "https:") url.protocol = "wss:";
  if (url.protocol !== "ws:" && url.protocol !== "wss:")
    throw new OptionsError(`--hub: unsupported scheme "${url.protocol}" (use ws://, wss://, http:// or https://)`);
  if (url.username || url.password || url.search)
    throw new OptionsError("--hub: the URL must not carry credentials or a query; pass the key with --key or COCKPIT_KEY");
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  return /^::ffff:(127\.\d+\.\d+\.\d+|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host); // URL writes ::ffff:127.0.0.1 as ::ffff:7f00:1
}

/** A warning for a plain ws:// hub on another machine (the key would cross the network unencrypted), or null. */
export function insecureHubWarning(hubUrl: string): string | null {
  const url = new URL(hubUrl);
  if (url.protocol !== "ws:" || isLoopbackHost(url.hostname)) return null;
  return `the hub ${url.protocol}//${url.host} is not encrypted and not on this machine: the key travels in clear text; use wss:// behind a TLS proxy`;
}

export const USAGE = `Usage: cockpit-agent --hub URL [--key KEY] [options]

Connects this machine to a Cockpit hub, reports the git repositories it watches and runs tasks.

  --hub URL              hub address, e.g. ws://127.0.0.1:1999 (env COCKPIT_HUB)
  --key KEY              API key with the agent role (env COCKPIT_KEY; prefer the env var)
  --agent-id ID          agent id (env COCKPIT_AGENT_ID; default: this host's name)
  --repo PATH            a repository to watch (repeatable)
  --scan DIR             watch every repository found under DIR (repeatable)
  --scan-depth N         how deep --scan looks for repositories (default 3)
  --capability CAP       extra capability to announce (repeatable; executors are announced anyway)
  --allow PATTERN        allow a shell command, e.g. "npm test", "npm run *", "echo **" (repeatable)
  --poll-interval DUR    how often repositories are re-read (default 30s)
  --task-timeout DUR     longest any task may run (default 10m)
  --kill-grace DUR       wait between SIGTERM and SIGKILL of a task's processes (default 5s)
  --stop-grace DUR       on SIGINT/SIGTERM, how long running tasks may finish before being cancelled (default 10s)
  --max-concurrency N    tasks run at once (default 1)
  --max-output BYTES     output kept per task, the tail (default 262144, at most 524288)
  --state-dir DIR        where results are spooled (default ~/.cockpit-agent/<agent-id>)
  --config FILE          JSON config file (flags win over it)
  --fetch-every DUR      fetch (never pull) every watched repository this often, e.g. 15m (default: off)
  --no-watch             do not watch files; rely on --poll-interval only
  --metrics-interval DUR how often a health sample (CPU, memory, disk, battery) is sent (default 30s)
  --sleep-gap DUR        timers this late mean the machine slept; reported on wake (default 20s)
  --no-keep-awake        do not keep the machine awake while tasks run (caffeinate / systemd-inhibit)
  --log-level LEVEL      error, warn, info (default) or debug
  -h, --help             show this help
  --version              show the version

Subcommands:
  cockpit-agent hooks install [--settings FILE] [--state-dir DIR]   add Cockpit hooks to Claude Code's settings
  cockpit-agent hook EVENT [--state-dir DIR]                        what those hooks run (reads the hook JSON on stdin)

Docs: docs/agent.md`;

const FLAGS = {
  hub: { type: "string" },
  key: { type: "string" },
  "agent-id": { type: "string" },
  repo: { type: "string", multiple: true },
  scan: { type: "string", multiple: true },
  "scan-depth": { type: "string" },
  capability: { type: "string", multiple: true },
  allow: { type: "string", multiple: true },
  "poll-interval": { type: "string" },
  "fetch-every": { type: "string" },
  "task-timeout": { type: "string" },
  "kill-grace": { type: "string" },
  "stop-grace": { type: "string" },
  "max-concurrency": { type: "string" },
  "max-output": { type: "string" },
  "state-dir": { type: "string" },
  config: { type: "string" },
  "no-watch": { type: "boolean" },
  "metrics-interval": { type: "string" },
  "sleep-gap": { type: "string" },
  "no-keep-awake": { type: "boolean" },
  "log-level": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/** Parses argv, the environment and the optional config file into validated options. Throws OptionsError. */
export function resolveOptions(ctx: CliEnvironment): CliOutcome {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: false }>>;
  try {
    parsed = parseArgs({ args: ctx.argv, options: FLAGS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  const flags = parsed.values;
  if (flags.help) return { kind: "help" };
  if (flags.version) return { kind: "version" };

  const configPath = flags.config ? expandPath(flags.config, ctx.cwd, ctx.homedir) : undefined;
  let file: ConfigFile = {};
  if (configPath) {
    try {
      file = (ctx.readConfig ?? loadConfigFile)(configPath);
    } catch (error) {
      throw new OptionsError((error as Error).message);
    }
  }
  // Paths in the config file are relative to the file, paths on the command line to the current directory.
  const fileDir = configPath ? resolve(configPath, "..") : ctx.cwd;
  const fromFile = (p: string) => expandPath(p, fileDir, ctx.homedir);
  const fromCli = (p: string) => expandPath(p, ctx.cwd, ctx.homedir);

  const hub = flags.hub ?? ctx.env.COCKPIT_HUB ?? file.hub;
  if (!hub) throw new OptionsError("missing --hub URL (or COCKPIT_HUB), e.g. --hub ws://127.0.0.1:1999");
  const key = flags.key ?? ctx.env.COCKPIT_KEY ?? file.key;
  if (!key) throw new OptionsError("missing key: pass --key KEY or set COCKPIT_KEY (an API key with the agent role)");
  if (/\s/.test(key) || key.length > 2048) throw new OptionsError("the key must be a single token without spaces (at most 2048 characters)");

  const agentId = flags["agent-id"] ?? ctx.env.COCKPIT_AGENT_ID ?? file.agentId ?? sanitizeAgentId(ctx.hostname);
  if (!ID_PATTERN.test(agentId) || agentId.length > 128) {
    throw new OptionsError(`--agent-id: "${agentId}" may contain only letters, digits and . _ : @ - (at most 128 characters)`);
  }
  const capabilities = [...(file.capabilities ?? []), ...(flags.capability ?? [])];
  for (const cap of capabilities) {
    if (!CAPABILITY_PATTERN.test(cap) || cap.length > 64) throw new OptionsError(`--capability: "${cap}" may contain only letters, digits and . _ : -`);
  }
  const allow = [...(file.allow ?? []), ...(flags.allow ?? [])];
  for (const pattern of allow) {
    try {
      if (splitArgv(pattern).length === 0) throw new CommandError("it is empty");
    } catch (error) {
      throw new OptionsError(`--allow: "${pattern}" is not a valid pattern: ${(error as Error).message}`);
    }
  }
  const logLevel = flags["log-level"] ?? file.logLevel ?? "info";
  if (logLevel !== "error" && logLevel !== "warn" && logLevel !== "info" && logLevel !== "debug") {
    throw new OptionsError(`--log-level: "${logLevel}" must be error, warn, info or debug`);
  }
  const maxOutputBytes = flags["max-output"] ? positiveInt(flags["max-output"], "--max-output", 512 * 1024) : (file.maxOutputBytes ?? 256 * 1024);
  if (maxOutputBytes < 1024) throw new OptionsError("--max-output: must be at least 1024 bytes");
  const pollIntervalMs = parseDuration(flags["poll-interval"] ?? file.pollInterval ?? "30s", "--poll-interval");
  if (pollIntervalMs < 100) throw new OptionsError("--poll-interval: must be at least 100ms");
  const fetchEvery = flags["fetch-every"] ?? file.fetchEvery;
  const fetchEveryMs = fetchEvery === undefined ? null : parseDuration(fetchEvery, "--fetch-every");
  if (fetchEveryMs !== null && fetchEveryMs < 1000) throw new OptionsError("--fetch-every: must be at least 1s");
  const taskTimeoutMs = parseDuration(flags["task-timeout"] ?? file.taskTimeout ?? "10m", "--task-timeout");
  if (taskTimeoutMs < 100) throw new OptionsError("--task-timeout: must be at least 100ms");

  const metricsIntervalMs = parseDuration(flags["metrics-interval"] ?? "30s", "--metrics-interval");
  if (metricsIntervalMs < 200) throw new OptionsError("--metrics-interval: must be at least 200ms");
  const sleepGapMs = parseDuration(flags["sleep-gap"] ?? "20s", "--sleep-gap");
  if (sleepGapMs < 200) throw new OptionsError("--sleep-gap: must be at least 200ms");

  return {
    kind: "run",
    options: {
      hubUrl: normalizeHubUrl(hub),
      key,
      agentId,
      repos: [...(file.repos ?? []).map(fromFile), ...(flags.repo ?? []).map(fromCli)],
      scan: [...(file.scan ?? []).map(fromFile), ...(flags.scan ?? []).map(fromCli)],
      scanDepth: flags["scan-depth"] ? positiveInt(flags["scan-depth"], "--scan-depth", 10) : (file.scanDepth ?? 3),
      capabilities,
      allow,
      pollIntervalMs,
      taskTimeoutMs,
      killGraceMs: parseDuration(flags["kill-grace"] ?? file.killGrace ?? "5s", "--kill-grace"),
      stopGraceMs: parseDuration(flags["stop-grace"] ?? file.stopGrace ?? "10s", "--stop-grace"),
      maxConcurrency: flags["max-concurrency"] ? positiveInt(flags["max-concurrency"], "--max-concurrency", 64) : (file.maxConcurrency ?? 1),
      maxOutputBytes,
      stateDir: flags["state-dir"] ? fromCli(flags["state-dir"]) : file.stateDir ? fromFile(file.stateDir) : join(ctx.homedir, ".cockpit-agent", agentId),
      watch: flags["no-watch"] ? false : (file.watch ?? true),
      logLevel,
      taskEnv: file.env ?? {},
      executors: file.executors ?? {},
      metricsIntervalMs,
      sleepGapMs,
      keepAwake: !flags["no-keep-awake"],
      ...(file.subagent ? { subagent: file.subagent } : {}),
      ...(file.hooks ? { hooks: file.hooks } : {}),
      fetchEveryMs,
    },
  };
}

function expandPath(p: string, base: string, home: string): string {
  if (p === "~") return home;
  if (p.startsWith("~/")) return join(home, p.slice(2));
  return isAbsolute(p) ? resolve(p) : resolve(base, p);
}
