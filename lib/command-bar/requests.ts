import { LIMITS } from "../protocol/constants";
import type { ParsedCommand } from "./parse";

/** A repository some agent reports, as the bar offers it. */
export type RepoChoice = { id: string; name: string; agentId: string };
/** What the bar needs to know of a template (GET /api/cockpit/templates). */
export type TemplateInfo = { name: string; description: string; needsRepo: boolean; takesArgs: boolean };

export type CommandRequest = {
  path: string;
  body?: Record<string, unknown>;
  /** The task this request creates, under the id the bar made: a resend is then a 409 that creates nothing. */
  taskId?: string;
};

export type WriteCommand = Extract<ParsedCommand, { kind: "ack" | "cancel" | "run" | "template" | "prompt" }>;
export type BuiltRequest = { ok: true; request: CommandRequest } | { ok: false; message: string };

function titled(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > LIMITS.name ? `${line.slice(0, LIMITS.name - 1)}…` : line;
}

/**
 * The REST call a write command makes. `newId` is the client-made task id (one per typed command, kept with it in
 * the offline queue), so however often the call is repeated, the server stores one task.
 */
export function requestFor(c: WriteCommand, ctx: { repo?: RepoChoice; templates: readonly TemplateInfo[]; newId: string }): BuiltRequest {
  const { repo, newId } = ctx;
  switch (c.kind) {
    case "ack":
      return { ok: true, request: { path: `/api/cockpit/alerts/ack/${encodeURIComponent(c.alertId)}` } };
    case "cancel":
      return { ok: true, request: { path: `/api/cockpit/tasks/${encodeURIComponent(c.taskId)}/cancel` } };
    case "prompt": {
      if (!repo) return { ok: false, message: "choose a repository for the coding agent first" };
      const body = { id: newId, title: titled(c.text), executor: "subagent", payload: { prompt: c.text, repo: repo.id }, targetAgentId: repo.agentId };
      return { ok: true, request: { path: "/api/cockpit/tasks", body, taskId: newId } };
    }
    case "run": {
      const payload = repo && isPlainObject(c.payload ?? {}) ? { repo: repo.id, ...(c.payload as Record<string, unknown> | undefined) } : c.payload;
      const command = isPlainObject(c.payload) && typeof c.payload.command === "string" ? ` ${c.payload.command}` : "";
      const body: Record<string, unknown> = { id: newId, title: titled(`/run ${c.executor}${command}`), executor: c.executor };
      if (payload !== undefined) body.payload = payload;
      if (repo) body.targetAgentId = repo.agentId;
      return { ok: true, request: { path: "/api/cockpit/tasks", body, taskId: newId } };
    }
    case "template": {
      const t = ctx.templates.find((x) => x.name === c.name);
      if (!t) return { ok: false, message: `no template /${c.name}` };
      if (c.args && !t.takesArgs) return { ok: false, message: `/${c.name} takes no arguments` };
      if (t.needsRepo && !repo) return { ok: false, message: `/${c.name} runs on a repository; choose one first` };
      const body: Record<string, unknown> = { id: newId, args: c.args };
      if (t.needsRepo && repo) Object.assign(body, { repo: repo.id, agentId: repo.agentId });
      return { ok: true, request: { path: `/api/cockpit/templates/${c.name}/run`, body, taskId: newId } };
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** How a command's task looks to the person who sent it. */
export type SendState = "queued" | "sending" | "sent" | "running" | "done" | "failed";

export function stateOfTask(status: string): SendState {
  if (status === "running") return "running";
  if (status === "completed") return "done";
  if (status === "failed" || status === "cancelled" || status === "timed_out") return "failed";
  return "sent";
}
