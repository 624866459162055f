/** Command strings to argv, allowlist matching and argv templates. No shell is ever involved. */

export class CommandError extends Error {}

const SHELL_OPERATORS = new Set(["|", "&", ";", "<", ">", "`"]);

/**
 * Splits like a POSIX shell splits words, and nothing more: whitespace separates, '…' is literal, "…" allows
 * \" \\ \$ \` escapes, a backslash outside quotes escapes the next character. No variables, globs, ~ or
 * substitutions. Unquoted shell operators are refused, since a user writing them expects a shell we do not run.
 */
export function splitArgv(command: string): string[] {
  const args: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) current += command[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\") {
      if (i + 1 >= command.length) throw new CommandError("command ends with a lone backslash");
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = "";
      inWord = false;
    } else if (SHELL_OPERATORS.has(ch) || (ch === "$" && command[i + 1] === "(")) {
      throw new CommandError(`shell operator "${ch === "$" ? "$(" : ch}" is not supported: commands run without a shell (quote it to pass it literally)`);
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new CommandError(`unterminated ${quote === "'" ? "single" : "double"} quote in command`);
  if (inWord) args.push(current);
  return args;
}

/**
 * Allowlist patterns are argv patterns: each word must match exactly, "*" matches any one argument, and a final
 * "**" matches any remaining arguments (none included). "npm test" allows only `npm test`.
 */
export function matchesPattern(argv: readonly string[], pattern: string): boolean {
  const tokens = splitArgv(pattern);
  if (tokens.length === 0) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "**" && i === tokens.length - 1) return argv.length >= i;
    if (i >= argv.length) return false;
    if (token !== "*" && token !== argv[i]) return false;
  }
  return argv.length === tokens.length;
}

export function findAllowingPattern(argv: readonly string[], allow: readonly string[]): string | null {
  for (const pattern of allow) {
    try {
      if (matchesPattern(argv, pattern)) return pattern;
    } catch {
      /* an unparsable pattern allows nothing; options validation reports it at start */
    }
  }
  return null;
}

/** Fills `{name}` placeholders from the payload; each value stays inside its one argument (never re-split). */
export function expandTemplate(template: readonly string[], payload: Record<string, unknown>): string[] {
  return template.map((part) =>
    part.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
      const value = payload[name];
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
      throw new CommandError(`payload.${name} is required by this executor (a string, number or boolean)`);
    }),
  );
}
