import { z } from "zod";
import type { Provenance } from "../../lib/protocol";
import type { TemplateExecutorConfig } from "../config-file";
import { parseDuration } from "../options";
import { readRepoState } from "../git/git-state";
import { mergeCheck } from "../git/merge-check";
import { TASK_GIT_ENV, gitArgvAt } from "../git/safe-git";
import { CommandError, expandTemplate, findAllowingPattern, splitArgv } from "./argv";
import type { ProcessLedger } from "./process-ledger";
import { runProcess, scrubbedEnv, type RunOutcome } from "./run-process";
import { WorkdirError, resolveRepoRoot, resolveWorkdir } from "./workdir";

export type TaskContext = { taskId: string; payload: unknown; timeoutMs: number; signal: AbortSignal; onOutput: (chunk: string) => void };
export type TaskOutcome = { status: "completed" | "failed"; result: Record<string, unknown>; logs: string; provenance?: Provenance };
export type Executor = (ctx: TaskContext) => Promise<TaskOutcome>;

export type ExecutorDeps = {
  allow: readonly string[];
  taskEnv: Record<string, string>;
  killGraceMs: number;
  maxOutputChars: number;
  stateDir: string;
  templates: Record<string, TemplateExecutorConfig>;
  watchedRepos: () => string[];
  /** Re-read a repo after a task changed it (fetch, pull). */
  refreshRepo: (path: string) => void;
  /** Where running tasks' process groups are recorded, so a restarted agent can stop what a crash left running. */
  processes?: ProcessLedger;
};

/** A refused or broken task: still a result, status failed, with the reason in `error` and in the logs. */
export function failed(reason: string, extra: Record<string, unknown> = {}, logs = ""): TaskOutcome {
  return { status: "failed", result: { error: reason, ...extra }, logs: logs ? `${logs}\n[cockpit-agent] ${reason}` : `[cockpit-agent] ${reason}` };
}

function fromRun(run: RunOutcome, timeoutMs: number, extra: Record<string, unknown> = {}): TaskOutcome {
  const result = { exitCode: run.exitCode, signal: run.signal, durationMs: run.durationMs, outputTruncated: run.truncated, ...extra };
  if (run.spawnError) return failed(run.spawnError, result, run.output);
  if (run.cancelled) return failed("cancelled", { ...result, cancelled: true }, run.output);
  if (run.timedOut) return failed(`timed out after ${timeoutMs} ms; the task's processes were killed`, { ...result, timedOut: true }, run.output);
  if (run.exitCode !== 0) return failed(`exited with ${run.exitCode === null ? `signal ${run.signal}` : `code ${run.exitCode}`}`, result, run.output);
  return { status: "completed", result, logs: run.output };
}

const shellPayload = z.object({
  command: z.string().min(1).max(8192).optional(),
  argv: z.array(z.string().max(8192)).min(1).max(1024).optional(),
  cwd: z.string().min(1).max(4096).optional(),
});
const gitPayload = z.object({
  action: z.enum(["fetch", "pull", "status", "merge-check"]),
  repo: z.string().min(1).max(4096).optional(),
  /** merge-check: the two commits (sha or ref) whose merge is tried in memory with git merge-tree. */
  ours: z.string().min(1).max(256).optional(),
  theirs: z.string().min(1).max(256).optional(),
  cwd: z.string().min(1).max(4096).optional(),
});
const templatePayload = z.record(z.string(), z.unknown());

const GIT_ACTIONS: Record<"fetch" | "pull", string[]> = { fetch: ["fetch", "--prune"], pull: ["pull", "--ff-only"] };

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `payload${i.path.length ? "." + i.path.join(".") : ""}: ${i.message}`).join("; ");
}

/** Built-in `shell` and `git`, plus the argv-template executors declared in the config file. */
export function createExecutors(deps: ExecutorDeps): Map<string, Executor> {
  const run = (argv: string[], cwd: string, ctx: TaskContext, env: Record<string, string>) =>
    runProcess({
      argv,
      cwd,
      env,
      timeoutMs: ctx.timeoutMs,
      killGraceMs: deps.killGraceMs,
      maxOutputChars: deps.maxOutputChars,
      signal: ctx.signal,
      onOutput: ctx.onOutput,
      onGroupStart: (pgid) => deps.processes?.record(ctx.taskId, pgid),
      onGroupEnd: (pgid) => deps.processes?.remove(pgid),
    });
  // A task's own git refuses implicit bare repositories too; the config's env may still set its own git config.
  const taskEnv = (ctx: TaskContext, extra: Record<string, string> = {}) =>
    scrubbedEnv({ ...TASK_GIT_ENV, ...deps.taskEnv, ...extra, COCKPIT_TASK_ID: ctx.taskId });

  const shell: Executor = async (ctx) => {
    const parsed = shellPayload.safeParse(ctx.payload ?? {});
    if (!parsed.success) return failed(`invalid shell payload: ${issues(parsed.error)}`);
    const { command, argv: given, cwd: requestedCwd } = parsed.data;
    let argv: string[];
    try {
      argv = given ?? splitArgv(command ?? "");
    } catch (error) {
      return failed(`refused: ${(error as Error).message}`);
    }
    if (argv.length === 0) return failed("refused: payload.command (or payload.argv) is empty");
    const shown = command ?? JSON.stringify(argv);
    if (deps.allow.length === 0) return failed(`refused: this agent allows no shell commands (start it with --allow PATTERN); command was ${shown}`);
    const pattern = findAllowingPattern(argv, deps.allow);
    if (!pattern) return failed(`refused: command not in this agent's allowlist: ${shown}`, { allowlist: [...deps.allow] });
    let cwd: string;
    try {
      cwd = await resolveWorkdir(requestedCwd, deps.watchedRepos());
    } catch (error) {
      if (error instanceof WorkdirError) return failed(`refused: ${error.message}`);
      throw error;
    }
    return fromRun(await run(argv, cwd, ctx, taskEnv(ctx)), ctx.timeoutMs, { command: argv, cwd, allowedBy: pattern });
  };

  const git: Executor = async (ctx) => {
    const parsed = gitPayload.safeParse(ctx.payload ?? {});
    if (!parsed.success) return failed(`invalid git payload: ${issues(parsed.error)} (action is one of fetch, pull, status, merge-check)`);
    let root: string;
    try {
      root = await resolveRepoRoot(parsed.data.repo ?? parsed.data.cwd, deps.watchedRepos());
    } catch (error) {
      if (error instanceof WorkdirError) return failed(`refused: ${error.message}`);
      throw error;
    }
    const { action } = parsed.data;
    if (action === "status") {
      const reading = await readRepoState(root);
      return reading.ok ? { status: "completed", result: { action, repo: reading.repo }, logs: "" } : failed(reading.error, { action });
    }
    if (action === "merge-check") {
      const { ours, theirs } = parsed.data;
      if (!ours || !theirs) return failed("merge-check needs payload.ours and payload.theirs (commits or refs)", { action });
      const verdict = await mergeCheck(root, ours, theirs);
      return { status: "completed", result: { action, ...verdict }, logs: "" };
    }
    // git must never wait for a password; ssh-agent is passed through so fetches over ssh still work.
    const env = taskEnv(ctx, { GIT_TERMINAL_PROMPT: "0", ...(process.env.SSH_AUTH_SOCK ? { SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK } : {}) });
    const outcome = fromRun(await run(["git", ...gitArgvAt(root, GIT_ACTIONS[action])], root, ctx, env), ctx.timeoutMs, { action, cwd: root });
    deps.refreshRepo(root);
    return outcome;
  };

  const executors = new Map<string, Executor>([
    ["shell", shell],
    ["git", git],
  ]);
  for (const [name, config] of Object.entries(deps.templates)) {
    if (executors.has(name)) throw new Error(`executor "${name}" in the config file clashes with a built-in executor`);
    const configuredTimeout = config.timeout === undefined ? undefined : parseDuration(config.timeout, `executors.${name}.timeout`);
    executors.set(name, async (ctx) => {
      const payload = templatePayload.safeParse(ctx.payload ?? {});
      if (!payload.success) return failed(`invalid ${name} payload: it must be an object`);
      let argv: string[];
      try {
        argv = expandTemplate(config.argv, payload.data);
      } catch (error) {
        if (error instanceof CommandError) return failed(`refused: ${error.message}`);
        throw error;
      }
      let cwd = deps.stateDir;
      if (config.cwd === "repo") {
        const requested = payload.data.repo ?? payload.data.cwd;
        try {
          cwd = await resolveWorkdir(typeof requested === "string" ? requested : undefined, deps.watchedRepos());
        } catch (error) {
          if (error instanceof WorkdirError) return failed(`refused: ${error.message}`);
          throw error;
        }
      }
      const timeoutMs = Math.min(ctx.timeoutMs, configuredTimeout ?? ctx.timeoutMs);
      return fromRun(await run(argv, cwd, { ...ctx, timeoutMs }, taskEnv(ctx, config.env)), timeoutMs, { executor: name, cwd });
    });
  }
  return executors;
}
