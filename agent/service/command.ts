import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfigFile } from "../config-file";
import { LAUNCHD_LABEL, SYSTEMD_UNIT_NAME, launchdPlist, systemdUnit, type ServiceSpec } from "./units";

export const SERVICE_USAGE = `Usage: cockpit-agent service install|uninstall|status [options]

Runs the agent as a per-user service: a systemd user unit on Linux, a launchd agent on macOS. It starts at login,
restarts after a crash, and appends its output to a log file. The hub URL and key come from the config file.

  --config FILE    the agent's JSON config file, with "hub" and "key" (install: required)
  --log FILE       log file (default ~/.local/state/cockpit/agent.log, or ~/Library/Logs/cockpit-agent.log)
  --no-start       only write or remove the file; do not call systemctl / launchctl`;

export type ServiceContext = {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  cwd: string;
  uid: number;
  print: (line: string) => void;
  /** Runs a service manager command; returns its exit status and output. */
  exec: (cmd: string, args: string[]) => { status: number | null; output: string };
};

export class ServiceError extends Error {}

export const runCommand: ServiceContext["exec"] = (cmd, args) => {
  const res = spawnSync(cmd, args, { encoding: "utf8" });
  return { status: res.error ? null : res.status, output: `${res.stdout ?? ""}${res.stderr ?? ""}${res.error ? res.error.message : ""}`.trim() };
};

type Manager = { kind: "systemd" | "launchd"; file: string; defaultLog: string };

function manager(ctx: ServiceContext): Manager {
  if (ctx.platform === "linux") {
    const config = ctx.env.XDG_CONFIG_HOME ?? join(ctx.homedir, ".config");
    const state = ctx.env.XDG_STATE_HOME ?? join(ctx.homedir, ".local", "state");
    return { kind: "systemd", file: join(config, "systemd", "user", SYSTEMD_UNIT_NAME), defaultLog: join(state, "cockpit", "agent.log") };
  }
  if (ctx.platform === "darwin") {
    return {
      kind: "launchd",
      file: join(ctx.homedir, "Library", "LaunchAgents", `${LAUNCHD_LABEL}.plist`),
      defaultLog: join(ctx.homedir, "Library", "Logs", "cockpit-agent.log"),
    };
  }
  throw new ServiceError(`services are supported on Linux (systemd) and macOS (launchd), not ${ctx.platform}`);
}

/** Runs the manager's commands, stopping at the first failure with what it said. */
function manage(ctx: ServiceContext, steps: [string, string[]][], tolerateFailure = false): void {
  for (const [cmd, args] of steps) {
    const res = ctx.exec(cmd, args);
    if (res.status === 0 || tolerateFailure) continue;
    throw new ServiceError(
      `${cmd} ${args.join(" ")} failed (${res.status ?? "not found"}): ${res.output || "no output"}; the file is in place, run it yourself or use --no-start`,
    );
  }
}

function install(ctx: ServiceContext, m: Manager, flags: { config?: string; log?: string; "no-start"?: boolean }): void {
  if (!flags.config) throw new ServiceError("service install: --config FILE is required (the service reads the hub and key from it)");
  const config = resolve(ctx.cwd, flags.config);
  const file = loadConfigFile(config);
  if (!file.hub || !file.key) throw new ServiceError(`service install: ${config} must contain "hub" and "key" (a service has no terminal to pass them)`);
  if ((statSync(config).mode & 0o077) !== 0) ctx.print(`warning: ${config} holds an API key and others can read it; run: chmod 600 ${config}`);
  const log = resolve(ctx.cwd, flags.log ?? m.defaultLog);
  const spec: ServiceSpec = { node: process.execPath, bin: fileURLToPath(new URL("../bin.mjs", import.meta.url)), config, log, workingDirectory: ctx.homedir };
  mkdirSync(dirname(log), { recursive: true });
  mkdirSync(dirname(m.file), { recursive: true });
  writeFileSync(m.file, m.kind === "systemd" ? systemdUnit(spec) : launchdPlist(spec), { mode: 0o644 });
  ctx.print(`wrote ${m.file}`);
  ctx.print(`log: ${log}`);
  if (flags["no-start"]) return;
  if (m.kind === "systemd")
    manage(ctx, [
      ["systemctl", ["--user", "daemon-reload"]],
      ["systemctl", ["--user", "enable", "--now", SYSTEMD_UNIT_NAME]],
    ]);
  else {
    // bootout first so a reinstall picks up the new plist; it fails harmlessly when nothing was loaded.
    manage(ctx, [["launchctl", ["bootout", `gui/${ctx.uid}/${LAUNCHD_LABEL}`]]], true);
    manage(ctx, [["launchctl", ["bootstrap", `gui/${ctx.uid}`, m.file]]]);
  }
  ctx.print("started; it will start again at every login");
}

function uninstall(ctx: ServiceContext, m: Manager, flags: { "no-start"?: boolean }): void {
  if (!existsSync(m.file)) throw new ServiceError(`not installed: no ${m.file}`);
  if (!flags["no-start"]) {
    if (m.kind === "systemd") manage(ctx, [["systemctl", ["--user", "disable", "--now", SYSTEMD_UNIT_NAME]]], true);
    else manage(ctx, [["launchctl", ["bootout", `gui/${ctx.uid}/${LAUNCHD_LABEL}`]]], true);
  }
  rmSync(m.file);
  if (!flags["no-start"] && m.kind === "systemd") manage(ctx, [["systemctl", ["--user", "daemon-reload"]]], true);
  ctx.print(`removed ${m.file}`);
}

function status(ctx: ServiceContext, m: Manager): boolean {
  if (!existsSync(m.file)) {
    ctx.print(`not installed (no ${m.file})`);
    return false;
  }
  ctx.print(`installed: ${m.file}`);
  const res =
    m.kind === "systemd"
      ? ctx.exec("systemctl", ["--user", "is-active", SYSTEMD_UNIT_NAME])
      : ctx.exec("launchctl", ["print", `gui/${ctx.uid}/${LAUNCHD_LABEL}`]);
  const state =
    m.kind === "systemd" ? res.output.split("\n")[0] || "unknown" : res.status === 0 ? (/state = (\w+)/.exec(res.output)?.[1] ?? "loaded") : "not loaded";
  ctx.print(`state: ${res.status === null ? "unknown (service manager not reachable)" : state}`);
  return true;
}

/** `cockpit-agent service …`; returns the exit code (0 ok, 1 failed or not installed, 2 bad usage). */
export function runService(argv: string[], ctx: ServiceContext): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { config: { type: "string" }, log: { type: "string" }, "no-start": { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    ctx.print(`cockpit-agent service: ${(error as Error).message}`);
    return 2;
  }
  const [action] = parsed.positionals;
  if (parsed.values.help || !action || !["install", "uninstall", "status"].includes(action)) {
    ctx.print(SERVICE_USAGE);
    return parsed.values.help ? 0 : 2;
  }
  try {
    const m = manager(ctx);
    if (action === "install") install(ctx, m, parsed.values);
    else if (action === "uninstall") uninstall(ctx, m, parsed.values);
    else return status(ctx, m) ? 0 : 1;
    return 0;
  } catch (error) {
    ctx.print(`cockpit-agent service ${action}: ${(error as Error).message}`);
    return 1;
  }
}
