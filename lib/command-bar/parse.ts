import { TASK_STATUSES, type TaskStatus } from "../protocol/constants";
import { BUILTIN_COMMANDS, TEMPLATE_NAME_PATTERN } from "./commands";

/** What a line typed into the command bar asks for; pure, so every rule is a unit test. */
export type ParsedCommand =
  | { kind: "empty" }
  | { kind: "help" }
  | { kind: "status" }
  | { kind: "tasks"; status?: TaskStatus; search?: string }
  | { kind: "git"; repo?: string }
  | { kind: "ack"; alertId: string }
  | { kind: "cancel"; taskId: string }
  | { kind: "run"; executor: string; payload?: unknown }
  | { kind: "template"; name: string; args: string }
  | { kind: "prompt"; text: string }
  | { kind: "invalid"; message: string };

/** The same rules as the server's id and executor schemas, without zod (this runs in the browser). */
const ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const EXECUTOR = /^[A-Za-z0-9._:-]{1,128}$/;

/** Commands that change something: these are queued when offline and sent on reconnect. */
export function isWrite(c: ParsedCommand): boolean {
  return c.kind === "ack" || c.kind === "cancel" || c.kind === "run" || c.kind === "template" || c.kind === "prompt";
}

/**
 * Reads one line: `/command args` for the built-ins and the templates named, `//text` for a prompt that starts with a
 * slash, anything else a prompt for the coding agent.
 */
export function parseCommand(input: string, templates: readonly string[]): ParsedCommand {
  const line = input.trim();
  if (!line) return { kind: "empty" };
  if (line.startsWith("//")) return { kind: "prompt", text: line.slice(1) };
  if (!line.startsWith("/")) return { kind: "prompt", text: line };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line)!;
  const name = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  if ((BUILTIN_COMMANDS as readonly string[]).includes(name)) return builtin(name, rest);
  if (TEMPLATE_NAME_PATTERN.test(name) && templates.includes(name)) return { kind: "template", name, args: rest };
  return { kind: "invalid", message: `unknown command /${name.slice(0, 40)}; /help lists them` };
}

function builtin(name: string, rest: string): ParsedCommand {
  switch (name) {
    case "help":
      return { kind: "help" };
    case "status":
      return rest ? { kind: "invalid", message: "/status takes no arguments" } : { kind: "status" };
    case "tasks": {
      const status = (TASK_STATUSES as readonly string[]).find((s) => s === rest.toLowerCase()) as TaskStatus | undefined;
      if (status) return { kind: "tasks", status };
      return rest ? { kind: "tasks", search: rest.slice(0, 200) } : { kind: "tasks" };
    }
    case "git":
      return rest ? { kind: "git", repo: rest.slice(0, 200) } : { kind: "git" };
    case "ack":
      return oneId(rest, "/ack <alert id>", (alertId) => ({ kind: "ack", alertId }));
    case "cancel":
      return oneId(rest, "/cancel <task id>", (taskId) => ({ kind: "cancel", taskId }));
    default:
      return run(rest);
  }
}

function oneId(rest: string, usage: string, make: (id: string) => ParsedCommand): ParsedCommand {
  if (!rest) return { kind: "invalid", message: `usage: ${usage}` };
  if (/\s/.test(rest) || !ID.test(rest)) return { kind: "invalid", message: `not an id: ${rest.slice(0, 60)} (usage: ${usage})` };
  return make(rest);
}

/** `/run shell npm test` → `{command: "npm test"}`; `/run git {"op":"status"}` → that JSON as the payload. */
function run(rest: string): ParsedCommand {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  if (!match) return { kind: "invalid", message: "usage: /run <executor> [command or {json}]" };
  const executor = match[1]!;
  const body = match[2]!.trim();
  if (!EXECUTOR.test(executor)) return { kind: "invalid", message: `not an executor name: ${executor.slice(0, 60)} (letters, digits and . _ : -)` };
  if (!body) return { kind: "run", executor };
  if (body.startsWith("{")) {
    try {
      return { kind: "run", executor, payload: JSON.parse(body) as unknown };
    } catch {
      return { kind: "invalid", message: "the payload after the executor is not valid JSON" };
    }
  }
  return { kind: "run", executor, payload: { command: body } };
}
