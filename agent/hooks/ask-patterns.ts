import { splitArgv } from "../exec/argv";

/**
 * Whether a shell command matches an `ask` pattern: words match exactly, "*" matches any one argument (options
 * too: asking is the safe side), and a final "*" or "**" matches whatever follows. A command with shell operators
 * is checked part by part (`cd x && git push` asks for `git push **`); one that cannot be split asks for any pattern.
 */
export function matchingAskPattern(command: string, patterns: readonly string[]): string | null {
  if (patterns.length === 0) return null;
  const parts = command
    .split(/&&|\|\||[;|&\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    let argv: string[];
    try {
      argv = splitArgv(part);
    } catch {
      return patterns[0]!; // unreadable (a subshell, a redirect): ask rather than guess
    }
    for (const pattern of patterns) if (matches(argv, pattern)) return pattern;
  }
  return null;
}

function matches(argv: readonly string[], pattern: string): boolean {
  let tokens: string[];
  try {
    tokens = splitArgv(pattern);
  } catch {
    return false;
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const last = i === tokens.length - 1;
    if (last && (token === "**" || (token === "*" && i > 0))) return argv.length >= i;
    if (i >= argv.length) return false;
    if (token !== "*" && token !== argv[i]) return false;
  }
  return argv.length === tokens.length;
}
