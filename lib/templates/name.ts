import { z } from "zod";
import { BUILTIN_COMMANDS, TEMPLATE_NAME_PATTERN } from "../command-bar/commands";

export const templateNameSchema = z
  .string()
  .regex(TEMPLATE_NAME_PATTERN, "must be 1 to 32 lower-case letters, digits, - or _, starting with a letter")
  .refine((name) => !(BUILTIN_COMMANDS as readonly string[]).includes(name), { message: `may not be a built-in command (${BUILTIN_COMMANDS.join(", ")})` });
