import { readFileSync } from "node:fs";
import { z } from "zod";
import { templatePartProblem } from "./exec/argv";
import { subagentConfigSchema } from "./executors/subagent-config";
import { hooksConfigSchema } from "./hooks/hooks-config";

/** A duration: milliseconds as a number, or a string with a unit ("500ms", "30s", "5m", "1h"). */
export const durationInput = z.union([z.number().int().min(0), z.string().min(1).max(32)]);

function checkTemplatePart(part: string, ctx: z.RefinementCtx): void {
  const problem = templatePartProblem(part);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

const templateExecutor = z
  .object({
    /**
     * argv template: each element is one argument; `{name}` is replaced by payload.name (never split, never a shell);
     * `{name:allow-dash}` lets that value start with "-".
     */
    argv: z.array(z.string().min(1).max(4096).superRefine(checkTemplatePart)).min(1).max(256),
    timeout: durationInput.optional(),
    /** "repo": the task must name a watched repo (payload.repo) and runs there; "none": runs in the state directory. */
    cwd: z.enum(["repo", "none"]).default("repo"),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4096)).optional(),
  })
  .strict();

export type TemplateExecutorConfig = z.infer<typeof templateExecutor>;

/** The JSON config file (`--config FILE`); every field is optional and command-line flags win. */
export const configFileSchema = z
  .object({
    hub: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    agentId: z.string().min(1).optional(),
    repos: z.array(z.string().min(1)).optional(),
    scan: z.array(z.string().min(1)).optional(),
    scanDepth: z.number().int().min(1).max(10).optional(),
    capabilities: z.array(z.string().min(1)).optional(),
    allow: z.array(z.string().min(1).max(1024)).optional(),
    pollInterval: durationInput.optional(),
    fetchEvery: durationInput.optional(),
    taskTimeout: durationInput.optional(),
    killGrace: durationInput.optional(),
    stopGrace: durationInput.optional(),
    maxConcurrency: z.number().int().min(1).max(64).optional(),
    maxOutputBytes: z
      .number()
      .int()
      .min(1024)
      .max(512 * 1024)
      .optional(),
    stateDir: z.string().min(1).optional(),
    watch: z.boolean().optional(),
    logLevel: z.enum(["error", "warn", "info", "debug"]).optional(),
    /** Extra environment variables given to every task (the agent's own environment is not passed on). */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4096)).optional(),
    executors: z
      .record(
        z
          .string()
          .regex(/^[A-Za-z0-9._:-]+$/)
          .max(64),
        templateExecutor,
      )
      .optional(),
    /** The `subagent` executor's coding CLIs (claude, codex, templates), accounts and isolation. */
    subagent: subagentConfigSchema.optional(),
    /** Coding-session hooks: the local endpoint and the commands that wait for an operator's approval. */
    hooks: hooksConfigSchema.optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and validates the config file; throws an Error whose message says what is wrong and where. */
export function loadConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`config file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`config file ${path} is invalid: ${problems}`);
  }
  return parsed.data;
}
