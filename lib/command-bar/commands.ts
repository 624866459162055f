/** The command bar's vocabulary, with no zod: the browser imports it, and template names are checked against it. */

export const BUILTIN_COMMANDS = ["status", "tasks", "git", "ack", "cancel", "run", "help"] as const;
export type BuiltinCommand = (typeof BUILTIN_COMMANDS)[number];

/** Lower-case letters, digits, `-` and `_`, starting with a letter: typed after a slash on a phone, safe in a URL. */
export const TEMPLATE_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** What each built-in does, for /help and the bar's hints. */
export const COMMAND_HELP: { usage: string; does: string }[] = [
  { usage: "/status", does: "agents, open alerts and running tasks" },
  { usage: "/tasks [status or words]", does: "the latest tasks, filtered" },
  { usage: "/git [repo]", does: "repositories as agents report them" },
  { usage: "/ack <alert id>", does: "acknowledge an alert" },
  { usage: "/cancel <task id>", does: "cancel a task" },
  { usage: "/run <executor> [command or {json}]", does: "create a task for any executor" },
  { usage: "plain text", does: "a prompt for the coding agent on the chosen repository" },
];
