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

/** An argument a program would read as an option (`-x`, `--flag=value`), or as stdin / end of options. */
export function looksLikeOption(arg: string): boolean {
  return arg.startsWith("-");
}

/**
 * Allowlist patterns are argv patterns: each word must match exactly, "*" matches any one argument, and a final
 * "**" matches any remaining arguments (none included). Wildcards never match an argument that starts with "-":
 * an option must be spelled in the pattern ("make -j4 *"), since options like `make --eval=…` or
 * `git log --output=…` turn a harmless command into anything. "npm test" allows only `npm test`.
 */
export function matchesPattern(argv: readonly string[], pattern: string): boolean {
  const tokens = splitArgv(pattern);
  if (tokens.length === 0) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "**" && i === tokens.length - 1) return argv.length >= i && !argv.slice(i).some(looksLikeOption);
    if (i >= argv.length) return false;
    if (token === "*" ? looksLikeOption(argv[i]!) : token !== argv[i]) return false;
  }
  return argv.length === tokens.length;
}

export function findAllowingPattern(argv: readonly string[], allow: readonly string[]): string | null {
  for (const pattern of allow) {
    try {
      if (matchesPattern(argv, pattern)) return pattern;
    } catch {
      /* an unparsable pattern allows nothing; resolveOptions refuses one at start */
    }
  }
  return null;
}

/** `{name}`, or `{name:allow-dash}` for a value that may start with "-" (an option, a negative number). */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}/g;
export const ALLOW_DASH = "allow-dash";

/** What is wrong with one template argument (an unknown `{name:modifier}`), or null; checked when the config loads. */
export function templatePartProblem(part: string): string | null {
  for (const match of part.matchAll(PLACEHOLDER)) {
    if (match[2] !== undefined && match[2] !== ALLOW_DASH) return `unknown placeholder modifier in ${match[0]} (the only one is {${match[1]}:${ALLOW_DASH}})`;
  }
  return null;
}

/**
 * Fills `{name}` placeholders from the payload; each value stays inside its one argument (never re-split). A value
 * that would start an argument with "-" is refused, since the program would read it as an option, unless the
 * template marks that placeholder `{name:allow-dash}`. After a literal prefix (`--ref={ref}`) a dash is harmless.
 */
export function expandTemplate(template: readonly string[], payload: Record<string, unknown>): string[] {
  return template.map((part) => {
    let expanded = "";
    let last = 0;
    for (const match of part.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      expanded += part.slice(last, match.index);
      last = match.index + match[0].length;
      const value = payload[name];
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        throw new CommandError(`payload.${name} is required by this executor (a string, number or boolean)`);
      }
      const text = String(value);
      if (expanded === "" && looksLikeOption(text) && match[2] !== ALLOW_DASH) {
        throw new CommandError(
          `payload.${name} may not start with "-": the program would read it as an option (a template allows it with {${name}:${ALLOW_DASH}})`,
        );
      }
      expanded += text;
    }
    return expanded + part.slice(last);
  });
}
