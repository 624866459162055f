import { z } from "zod";
import type { UsageLimit } from "../../lib/protocol/usage-limit";
import { failed, type Executor, type ExecutorDeps, type TaskContext, type TaskOutcome } from "../exec/executors";
import { runProcess, scrubbedEnv, type RunOutcome } from "../exec/run-process";
import { WorkdirError, resolveRepoRoot } from "../exec/workdir";
import { parseDuration } from "../options";
import type { CliSpec, SubagentConfig } from "./subagent-config";
import { CliOutputReader } from "./subagent-output";
import type { RunReport } from "./subagent-report";
import { cleanupTaskWorktree, createTaskWorktree, summarizeWork, type TaskWorktree } from "./subagent-worktree";
import { parseResetTime } from "./usage-reset";

const subagentPayload = z
  .object({
    /** The spec's example: a plain command, run exactly as the shell executor runs it (same allowlist). */
    command: z.string().min(1).max(8192).optional(),
    argv: z.array(z.string().max(8192)).min(1).max(1024).optional(),
    cwd: z.string().min(1).max(4096).optional(),
    prompt: z.string().min(1).max(100_000).optional(),
    cli: z.string().min(1).max(32).optional(),
    repo: z.string().min(1).max(4096).optional(),
    model: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, "must be a model name (letters, digits, . _ : / -)")
      .optional(),
    isolation: z.enum(["worktree", "none"]).optional(),
  })
  .refine((p) => (p.prompt === undefined) !== (p.command === undefined && p.argv === undefined), {
    message: "give either payload.prompt (a coding agent's task) or payload.command / payload.argv (a plain command)",
  });

/** Credentials and settings the coding CLIs read from the environment; nothing else of the agent's env passes. */
const CLI_ENV = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "CLAUDE_CONFIG_DIR", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_HOME"];

export type SubagentDeps = ExecutorDeps & { clis: Map<string, CliSpec>; config: SubagentConfig | undefined; shell: Executor; now?: () => Date };

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `payload${i.path.length ? "." + i.path.join(".") : ""}: ${i.message}`).join("; ");
}

/** The CLI a prompt task asked for, else the configured default, else claude, else codex, else any. */
function pickCli(clis: Map<string, CliSpec>, requested: string | undefined, fallback: string | undefined): CliSpec | string {
  const name = requested ?? fallback ?? (clis.has("claude") ? "claude" : clis.has("codex") ? "codex" : clis.keys().next().value);
  const cli = name === undefined ? undefined : clis.get(name);
  if (cli) return cli;
  const have = [...clis.keys()].join(", ") || "none: install claude or codex, or configure subagent.clis";
  return `no coding CLI named "${name ?? "?"}" on this agent (it has: ${have})`;
}

/** `subagent`: a plain command as `shell` runs it, or a coding agent CLI run non-interactively on a prompt. */
export function createSubagentExecutor(deps: SubagentDeps): Executor {
  const defaultWaitMs = parseDuration(deps.config?.usageLimitWait ?? "1h", "subagent.usageLimitWait");
  return async (ctx) => {
    const parsed = subagentPayload.safeParse(ctx.payload ?? {});
    if (!parsed.success) return failed(`invalid subagent payload: ${issues(parsed.error)}`);
    const payload = parsed.data;
    if (payload.prompt === undefined) return deps.shell({ ...ctx, payload: { command: payload.command, argv: payload.argv, cwd: payload.cwd } });
    const cli = pickCli(deps.clis, payload.cli, deps.config?.defaultCli);
    if (typeof cli === "string") return failed(cli);
    if (cli.format === "text" && payload.prompt.startsWith("-")) return failed('refused: payload.prompt may not start with "-" for a CLI template');
    let root: string;
    try {
      root = await resolveRepoRoot(payload.repo ?? payload.cwd, deps.watchedRepos());
    } catch (error) {
      if (error instanceof WorkdirError) return failed(`refused: ${error.message}`);
      throw error;
    }
    let worktree: TaskWorktree | null = null;
    if ((payload.isolation ?? deps.config?.isolation ?? "worktree") === "worktree") {
      try {
        worktree = await createTaskWorktree({ repoRoot: root, taskId: ctx.taskId, stateDir: deps.stateDir });
      } catch (error) {
        return failed(`could not create the task's worktree: ${(error as Error).message}`, { cli: cli.name, repo: root });
      }
      ctx.onOutput(`[cockpit-agent] ${cli.name} runs in worktree ${worktree.path} on branch ${worktree.branch}\n`);
    }
    const cwd = worktree?.path ?? root;
    const reader = new CliOutputReader(cli.format, deps.maxOutputChars, ctx.onOutput);
    const run = await runCli(deps, ctx, cli.argv(payload.prompt, cwd, payload.model), cwd, reader);
    reader.end();
    const work = worktree ? await describeWorktree(worktree) : {};
    deps.refreshRepo(root);
    const result = {
      cli: cli.name,
      account: cli.account,
      repo: root,
      cwd,
      ...work,
      summary: reader.report.summary,
      sessionId: reader.report.sessionId,
      filesTouched: [...reader.report.filesTouched].slice(0, 500),
      tokens: reader.report.tokens,
      costUsd: reader.report.costUsd,
      turns: reader.report.turns,
      exitCode: run.exitCode,
      signal: run.signal,
      durationMs: run.durationMs,
    };
    return outcomeOf(cli, run, reader.report, result, reader.logs, ctx, defaultWaitMs, deps.now?.() ?? new Date());
  };
}

function runCli(deps: SubagentDeps, ctx: TaskContext, argv: string[], cwd: string, reader: CliOutputReader): Promise<RunOutcome> {
  const passed = Object.fromEntries(CLI_ENV.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  return runProcess({
    argv,
    cwd,
    env: scrubbedEnv({ ...deps.taskEnv, ...passed, COCKPIT_TASK_ID: ctx.taskId }),
    timeoutMs: ctx.timeoutMs,
    killGraceMs: deps.killGraceMs,
    maxOutputChars: deps.maxOutputChars,
    signal: ctx.signal,
    onStream: (stream, text) => reader.push(stream, text),
    onGroupStart: (pgid) => deps.processes?.record(ctx.taskId, pgid),
    onGroupEnd: (pgid) => deps.processes?.remove(pgid),
  });
}

/** The branch, its commits and changed files, and whether the worktree was removed or kept (and why). */
async function describeWorktree(wt: TaskWorktree): Promise<Record<string, unknown>> {
  try {
    const work = await summarizeWork(wt);
    const cleanup = await cleanupTaskWorktree(wt);
    return {
      branch: wt.branch,
      baseCommit: wt.base,
      commits: work.commits,
      filesChanged: work.filesChanged,
      worktree: cleanup.kept ? wt.path : null,
      worktreeKept: cleanup.kept,
      worktreeNote: cleanup.reason,
    };
  } catch (error) {
    return { branch: wt.branch, worktree: wt.path, worktreeKept: true, worktreeNote: `not cleaned up: ${(error as Error).message}` };
  }
}

function outcomeOf(
  cli: CliSpec,
  run: RunOutcome,
  report: RunReport,
  result: Record<string, unknown>,
  logs: string,
  ctx: TaskContext,
  defaultWaitMs: number,
  now: Date,
): TaskOutcome {
  if (run.spawnError) return failed(run.spawnError, result, logs);
  if (run.cancelled) return failed("cancelled", { ...result, cancelled: true }, logs);
  if (run.timedOut) return failed(`timed out after ${ctx.timeoutMs} ms; the task's processes were killed`, { ...result, timedOut: true }, logs);
  if (report.usageLimit) {
    const reset = parseResetTime(report.usageLimit, now);
    const usageLimit: UsageLimit = {
      account: cli.account,
      resetAt: (reset ?? new Date(now.getTime() + defaultWaitMs)).toISOString(),
      reported: reset !== null,
      message: report.usageLimit,
    };
    return failed(`usage limit reached on account ${cli.account}; the task waits until ${usageLimit.resetAt}`, { ...result, usageLimit }, logs);
  }
  if (report.error) return failed(`${cli.name} reported an error: ${report.error}`, result, logs);
  if (run.exitCode !== 0) {
    const how = run.exitCode === null ? `was killed by ${run.signal ?? "a signal"}` : `exited with code ${run.exitCode}`;
    return failed(`${cli.name} ${how}${report.finished || cli.format === "text" ? "" : " before reporting a result"}`, result, logs);
  }
  if (!report.finished && cli.format !== "text") return failed(`${cli.name} ended without reporting a result`, result, logs);
  return { status: "completed", result, logs };
}
