import type { RequiresRepo } from "../protocol/git-safety";
import { LIMITS } from "../protocol/limits";

/** Filled on every run: the command's words after the name, and the chosen repository's id as its agent reports it. */
export const ARGS_PLACEHOLDER = "{args}";
export const REPO_PLACEHOLDER = "{repo}";

export type TemplateDefinition = {
  name: string;
  executor: string;
  payload?: unknown;
  priority: string;
  requires: string[];
  requiresRepo: Omit<RequiresRepo, "repo"> | null;
  targetAgentId: string | null;
};

/** A repository some agent reports: where a run goes and what `{repo}` becomes. */
export type ChosenRepo = { id: string; name: string; agentId: string; remoteIdentity: string | null };

export type TemplateRun = { id?: string; args: string; repo?: ChosenRepo };

export type Expansion = { ok: true; task: Record<string, unknown> } | { ok: false; field: "args" | "repo"; message: string };

/** Whether a placeholder appears in any string of a JSON value (keys included). */
export function usesPlaceholder(value: unknown, placeholder: string): boolean {
  if (typeof value === "string") return value.includes(placeholder);
  if (Array.isArray(value)) return value.some((v) => usesPlaceholder(v, placeholder));
  if (value !== null && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes(placeholder) || usesPlaceholder(v, placeholder));
  return false;
}

/** Replaces every placeholder in every string of a JSON value; other braces stay as typed. */
export function fillPlaceholders(value: unknown, fills: Record<string, string>): unknown {
  if (typeof value === "string") return Object.entries(fills).reduce((s, [ph, v]) => s.split(ph).join(v), value);
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, fills));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fillPlaceholders(k, fills) as string, fillPlaceholders(v, fills)]));
  }
  return value;
}

/** Whether a run of this template must name a repository. */
export function needsRepo(t: Pick<TemplateDefinition, "payload" | "requiresRepo">): boolean {
  return t.requiresRepo !== null || usesPlaceholder(t.payload, REPO_PLACEHOLDER);
}

/**
 * The task body a run creates, before POST /tasks' own validation: the payload filled, the run sent to the agent that
 * reports the chosen repository, and the template's repository gate pointed at that repository.
 */
export function taskFromTemplate(t: TemplateDefinition, run: TemplateRun): Expansion {
  const args = run.args.trim();
  const repo = run.repo;
  if (args && !usesPlaceholder(t.payload, ARGS_PLACEHOLDER)) return { ok: false, field: "args", message: `args: /${t.name} takes no arguments` };
  if (!repo && needsRepo(t)) return { ok: false, field: "repo", message: `repo: /${t.name} runs on a repository; choose one` };
  if (repo && t.targetAgentId && repo.agentId !== t.targetAgentId) {
    return { ok: false, field: "repo", message: `repo: ${repo.name} is on agent ${repo.agentId}; /${t.name} runs only on ${t.targetAgentId}` };
  }
  const title = `/${t.name}${args ? ` ${args}` : ""}${repo ? ` · ${repo.name}` : ""}`;
  const task: Record<string, unknown> = {
    title: title.length > LIMITS.name ? `${title.slice(0, LIMITS.name - 1)}…` : title,
    executor: t.executor,
    payload: fillPlaceholders(t.payload, { [ARGS_PLACEHOLDER]: args, [REPO_PLACEHOLDER]: repo?.id ?? "" }),
    priority: t.priority,
    requires: t.requires,
  };
  if (t.payload === null || t.payload === undefined) delete task.payload;
  if (run.id) task.id = run.id;
  const target = repo?.agentId ?? t.targetAgentId;
  if (target) task.targetAgentId = target;
  if (repo && t.requiresRepo) task.requiresRepo = { ...t.requiresRepo, repo: repo.remoteIdentity ?? repo.name };
  return { ok: true, task };
}
