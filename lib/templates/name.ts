import { z } from "zod";

/** The command bar's own commands: a template may not take their names, or `/status` would mean two things. */
export const BUILTIN_COMMANDS = ["status", "tasks", "git", "ack", "cancel", "run", "help"] as const;
export type BuiltinCommand = (typeof BUILTIN_COMMANDS)[number];

/** Lower-case letters, digits, `-` and `_`, starting with a letter: typed after a slash on a phone, safe in a URL. */
export const TEMPLATE_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export const templateNameSchema = z
  .string()
  .regex(TEMPLATE_NAME_PATTERN, "must be 1 to 32 lower-case letters, digits, - or _, starting with a letter")
  .refine((name) => !(BUILTIN_COMMANDS as readonly string[]).includes(name), { message: `may not be a built-in command (${BUILTIN_COMMANDS.join(", ")})` });
