import type { Executor, ExecutorDeps } from "../exec/executors";
import type { AgentOptions } from "../options";
import { cliCapabilities, detectClis } from "./subagent-config";
import { createSubagentExecutor } from "./subagent";

/**
 * Adds the `subagent` executor (always: the spec's example task is a plain command) and returns the capabilities
 * of the coding CLIs found on this machine (`claude`, `codex`, templates, and `account:<name>` for each).
 */
export function registerSubagent(
  executors: Map<string, Executor>,
  options: AgentOptions,
  io: Pick<ExecutorDeps, "watchedRepos" | "refreshRepo" | "processes">,
): string[] {
  const shell = executors.get("shell");
  if (!shell) throw new Error("the subagent executor needs the shell executor");
  if (executors.has("subagent")) throw new Error('executor "subagent" in the config file clashes with a built-in executor');
  const clis = detectClis(options.subagent);
  executors.set(
    "subagent",
    createSubagentExecutor({
      allow: options.allow,
      taskEnv: options.taskEnv,
      killGraceMs: options.killGraceMs,
      maxOutputChars: options.maxOutputBytes,
      stateDir: options.stateDir,
      templates: options.executors,
      ...io,
      clis,
      config: options.subagent,
      shell,
    }),
  );
  return cliCapabilities(clis);
}
