import { homedir } from "node:os";
import { parseArgs } from "node:util";
import { resolveConnection, type Env } from "./config";
import { CliError, EXIT } from "./errors";
import { ackAlert, createKey, listAgents, listAlerts, listKeys, revokeKey } from "./resources";
import { createTask, listTasks, taskCommand } from "./tasks";

export const USAGE = `Usage: cockpit <command> [options]

Commands:
  tasks create --title T --executor E [--payload JSON] [--priority P] [--requires a,b]
               [--target AGENT] [--max-attempts N] [--timeout MS] [--id ID] [--wait [--wait-timeout MS]]
  tasks list [--status S] [--executor E] [--limit N]
  tasks show|cancel|retry ID
  alerts list [--severity S] [--open] [--limit N]
  alerts ack ID
  agents list [--all]
  keys list | keys create --name N --role R | keys revoke KEY_ID

Connection (flags win over env, env over the config file):
  --url URL        the web, e.g. https://cockpit.example.com (env COCKPIT_URL; default http://127.0.0.1:3000)
  --key KEY        an API key (env COCKPIT_KEY; prefer the env var: flags show in process lists)
  --config FILE    JSON { "url", "key" } (default $XDG_CONFIG_HOME/cockpit/cli.json or ~/.config/cockpit/cli.json)
  --json           print the server's JSON

Exit codes: 0 ok (with --wait: the task completed), 1 the task failed, was cancelled or timed out,
2 bad usage or a 400 (the message names the field), 3 server unreachable or 5xx, 4 key refused (401/403),
5 not found or conflict (404/409).`;

const OPTIONS = {
  url: { type: "string" },
  key: { type: "string" },
  config: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  title: { type: "string" },
  executor: { type: "string" },
  payload: { type: "string" },
  priority: { type: "string" },
  requires: { type: "string" },
  target: { type: "string" },
  "max-attempts": { type: "string" },
  timeout: { type: "string" },
  id: { type: "string" },
  wait: { type: "boolean" },
  "wait-timeout": { type: "string" },
  status: { type: "string" },
  limit: { type: "string" },
  severity: { type: "string" },
  open: { type: "boolean" },
  all: { type: "boolean" },
  name: { type: "string" },
  role: { type: "string" },
} as const;

export async function run(argv: string[], env: Env, io: { print: (s: string) => void; err: (s: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage);
  }
  const { values: flags, positionals } = parsed;
  const [noun, verb, arg] = positionals;
  if (flags.help || !noun) {
    io.print(USAGE);
    return flags.help ? EXIT.ok : EXIT.usage;
  }
  const conn = resolveConnection(flags, env, env.HOME || homedir());
  const out = { json: flags.json === true, ...io };
  const command = `${noun} ${verb ?? ""}`.trim();
  switch (command) {
    case "tasks create":
      return createTask(conn, flags, out);
    case "tasks list":
      return listTasks(conn, { status: flags.status, executor: flags.executor, limit: flags.limit }, out);
    case "tasks show":
    case "tasks cancel":
    case "tasks retry":
      return taskCommand(conn, verb as "show" | "cancel" | "retry", arg, out);
    case "alerts list":
      return listAlerts(conn, flags, out);
    case "alerts ack":
      return ackAlert(conn, arg, out);
    case "agents list":
      return listAgents(conn, flags, out);
    case "keys list":
      return listKeys(conn, out);
    case "keys create":
      return createKey(conn, flags, out);
    case "keys revoke":
      return revokeKey(conn, arg, out);
    default:
      throw new CliError(`unknown command "${command}"; run "cockpit --help"`, EXIT.usage);
  }
}

/** The whole CLI as a function: its exit code, every failure already reported on io.err. */
export async function main(argv: string[], env: Env, io: { print: (s: string) => void; err: (s: string) => void }): Promise<number> {
  try {
    return await run(argv, env, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`cockpit: ${error.message}`);
      return error.exitCode;
    }
    io.err(`cockpit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
