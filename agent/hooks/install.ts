import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { HOOK_EVENTS } from "../../lib/protocol/session-frames";
import { hookStateDir } from "./state-dir";

const BIN = resolve(import.meta.dirname, "..", "bin.mjs");
/** Marks our entries, so installing again replaces them instead of adding a second copy. */
const MARK = "cockpit-agent-hook";

/** The part of Claude Code's settings.json we touch; anything else in it is kept as it is. */
const matcherGroup = z.looseObject({
  matcher: z.string().optional(),
  hooks: z.array(z.looseObject({ type: z.string(), command: z.string().optional() })).default([]),
});
const settingsSchema = z.looseObject({ hooks: z.record(z.string(), z.array(matcherGroup)).optional() });
type Settings = z.infer<typeof settingsSchema>;

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The command line Claude Code runs for one event. */
export function hookCommand(event: string, stateDir: string): string {
  return `${quote(process.execPath)} ${quote(BIN)} hook ${event} --state-dir ${quote(stateDir)} # ${MARK}`;
}

/**
 * Adds a `cockpit-agent hook <event>` command hook for each event to Claude Code's settings (hooks.<Event>[] of
 * { matcher, hooks: [{ type: "command", command, timeout }] }), keeping every other setting and hook as it was.
 */
export function installClaudeHooks(settings: Settings, stateDir: string, approvalTimeoutSec: number): Settings {
  const hooks = { ...settings.hooks };
  for (const event of HOOK_EVENTS) {
    const groups = (hooks[event] ?? []).map((g) => ({ ...g, hooks: g.hooks.filter((h) => !h.command?.includes(MARK)) })).filter((g) => g.hooks.length > 0);
    const timeout = event === "PreToolUse" ? approvalTimeoutSec + 30 : 10;
    groups.push({ ...(event === "PreToolUse" ? { matcher: "*" } : {}), hooks: [{ type: "command", command: hookCommand(event, stateDir), timeout }] });
    hooks[event] = groups;
  }
  return { ...settings, hooks };
}

/** `cockpit-agent hooks install [--settings FILE] [--state-dir DIR | --agent-id ID] [--approval-timeout SECONDS]`. */
export function runHooksCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { settings: { type: "string" }, "state-dir": { type: "string" }, "agent-id": { type: "string" }, "approval-timeout": { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] !== "install") {
    process.stderr.write("usage: cockpit-agent hooks install [--settings ~/.claude/settings.json] [--state-dir DIR] [--approval-timeout 300]\n");
    return 2;
  }
  const path = values.settings ?? join(homedir(), ".claude", "settings.json");
  const timeout = Number(values["approval-timeout"] ?? 300);
  if (!Number.isInteger(timeout) || timeout < 1) {
    process.stderr.write("cockpit-agent hooks install: --approval-timeout must be a whole number of seconds\n");
    return 2;
  }
  let settings: Settings = {};
  if (existsSync(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      process.stderr.write(`cockpit-agent hooks install: ${path} is not valid JSON (${(error as Error).message}); not touching it\n`);
      return 1;
    }
    const parsed = settingsSchema.safeParse(json);
    if (!parsed.success) {
      process.stderr.write(`cockpit-agent hooks install: ${path} has a "hooks" setting in an unexpected shape; not touching it\n`);
      return 1;
    }
    settings = parsed.data;
  }
  const stateDir = hookStateDir(values);
  mkdirSync(dirname(path), { recursive: true });
  const next = JSON.stringify(installClaudeHooks(settings, stateDir, timeout), null, 2) + "\n";
  writeFileSync(`${path}.tmp`, next);
  renameSync(`${path}.tmp`, path); // the user's settings are never left half written
  process.stdout.write(`Installed Cockpit hooks for ${HOOK_EVENTS.join(", ")} in ${path} (reporting to the agent with state folder ${stateDir}).\n`);
  return 0;
}
