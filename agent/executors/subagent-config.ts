import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";
import { z } from "zod";
import { accountCapability, usageLimitSchema } from "../../lib/protocol/usage-limit";

const accountName = usageLimitSchema.shape.account;
const argument = z.string().min(1).max(4096);

/** A built-in preset (claude, codex): which binary, which extra flags (permissions), which account it bills. */
const presetConfig = z
  .object({
    command: argument.optional(),
    /** Replaces the preset's default flags (claude: --permission-mode acceptEdits; codex: --full-auto). */
    args: z.array(argument).max(64).optional(),
    account: accountName.optional(),
  })
  .strict();

/** Any other CLI: an argv template with {prompt} (and {model}), and how to read its output. */
const cliTemplate = z
  .object({
    argv: z.array(argument).min(1).max(256),
    format: z.enum(["claude-stream-json", "codex-jsonl", "text"]).default("text"),
    account: accountName.optional(),
  })
  .strict();

export const subagentConfigSchema = z
  .object({
    claude: presetConfig.optional(),
    codex: presetConfig.optional(),
    clis: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z0-9._-]+$/)
          .max(32),
        cliTemplate,
      )
      .optional(),
    /** The CLI a prompt task uses when its payload names none (default: claude if installed, else codex). */
    defaultCli: z.string().max(32).optional(),
    /** "worktree" (default): each prompt task runs in its own git worktree on cockpit/<task id>. */
    isolation: z.enum(["worktree", "none"]).default("worktree"),
    /** How long an account is held after a usage-limit stop that names no reset time (default 1h). */
    usageLimitWait: z.union([z.number().int().min(0), z.string().min(1).max(32)]).optional(),
  })
  .strict();

export type SubagentConfig = z.infer<typeof subagentConfigSchema>;
export type OutputFormat = z.infer<typeof cliTemplate>["format"];

/** One runnable CLI: its argv for a prompt, its output format, its account. */
export type CliSpec = { name: string; format: OutputFormat; account: string; argv: (prompt: string, cwd: string, model?: string) => string[] };

const PRESET_DEFAULT_ARGS = { claude: ["--permission-mode", "acceptEdits"], codex: ["--full-auto"] } as const;

/** The binary's full path when it is installed (a path given, or found on PATH), else null. */
export function findExecutable(command: string, path = process.env.PATH ?? ""): string | null {
  const candidates = command.includes("/")
    ? [command]
    : path
        .split(delimiter)
        .filter(isAbsolute)
        .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

const withModel = (model: string | undefined) => (model ? ["--model", model] : []);

/** The CLIs this machine can run: the presets whose binary is installed, and every configured template. */
export function detectClis(config: SubagentConfig | undefined, path = process.env.PATH): Map<string, CliSpec> {
  const clis = new Map<string, CliSpec>();
  const claudeBin = findExecutable(config?.claude?.command ?? "claude", path);
  if (claudeBin) {
    const extra = config?.claude?.args ?? PRESET_DEFAULT_ARGS.claude;
    clis.set("claude", {
      name: "claude",
      format: "claude-stream-json",
      account: config?.claude?.account ?? "claude",
      argv: (prompt, _cwd, model) => [claudeBin, "-p", "--output-format", "stream-json", "--verbose", ...withModel(model), ...extra, "--", prompt],
    });
  }
  const codexBin = findExecutable(config?.codex?.command ?? "codex", path);
  if (codexBin) {
    const extra = config?.codex?.args ?? PRESET_DEFAULT_ARGS.codex;
    clis.set("codex", {
      name: "codex",
      format: "codex-jsonl",
      account: config?.codex?.account ?? "codex",
      argv: (prompt, cwd, model) => [codexBin, "exec", "--json", "--skip-git-repo-check", "-C", cwd, ...withModel(model), ...extra, "--", prompt],
    });
  }
  for (const [name, template] of Object.entries(config?.clis ?? {})) {
    clis.set(name, {
      name,
      format: template.format,
      account: template.account ?? name,
      argv: (prompt, _cwd, model) => template.argv.map((part) => part.replaceAll("{prompt}", prompt).replaceAll("{model}", model ?? "")),
    });
  }
  return clis;
}

/** Capabilities to announce: each CLI by name, and each account it bills (`account:<name>`). */
export function cliCapabilities(clis: Map<string, CliSpec>): string[] {
  const caps = new Set<string>();
  for (const cli of clis.values()) {
    caps.add(cli.name);
    caps.add(accountCapability(cli.account));
  }
  return [...caps];
}
