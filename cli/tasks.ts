import { request } from "./client";
import type { Connection } from "./config";
import { CliError, EXIT } from "./errors";
import { fields, table } from "./format";

type Task = Record<string, unknown> & { id: string; status: string };
type Out = { json: boolean; print: (text: string) => void; err: (text: string) => void };
const ENDED = new Set(["completed", "failed", "cancelled", "timed_out"]);
const TASK_FIELDS = [
  "id",
  "title",
  "executor",
  "status",
  "priority",
  "assignedAgentId",
  "attempt",
  "maxAttempts",
  "error",
  "result",
  "createdAt",
  "completedAt",
];

const show = (out: Out, body: unknown, task: Task) => out.print(out.json ? JSON.stringify(body, null, 2) : fields(task, TASK_FIELDS));

function parseNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`--${flag}: not a whole number: ${value}`, EXIT.usage);
  return n;
}

function parsePayload(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new CliError(`--payload: not JSON: ${value.slice(0, 80)}`, EXIT.usage);
  }
}

export type CreateFlags = {
  title?: string;
  executor?: string;
  payload?: string;
  priority?: string;
  requires?: string;
  target?: string;
  "max-attempts"?: string;
  timeout?: string;
  id?: string;
  wait?: boolean;
  "wait-timeout"?: string;
};

/** `tasks create`: the server validates every field (a 400 names the wrong one); --wait follows the task to its end. */
export async function createTask(conn: Connection, flags: CreateFlags, out: Out): Promise<number> {
  if (!flags.title) throw new CliError("tasks create: --title is required", EXIT.usage);
  if (!flags.executor) throw new CliError("tasks create: --executor is required", EXIT.usage);
  const body = {
    id: flags.id,
    title: flags.title,
    executor: flags.executor,
    payload: parsePayload(flags.payload),
    priority: flags.priority,
    requires: flags.requires?.split(",").filter(Boolean),
    targetAgentId: flags.target,
    maxAttempts: parseNumber("max-attempts", flags["max-attempts"]),
    timeoutMs: parseNumber("timeout", flags.timeout),
  };
  const created = await request<{ task: Task }>(conn, "POST", "/api/cockpit/tasks", body);
  if (!flags.wait) {
    show(out, created, created.task);
    return EXIT.ok;
  }
  const waitMs = parseNumber("wait-timeout", flags["wait-timeout"]) ?? 0;
  out.err(`task ${created.task.id} created; waiting for it to end`);
  const ended = await waitForEnd(conn, created.task.id, waitMs, out);
  if (!ended) return EXIT.taskNotCompleted;
  show(out, ended, ended.task);
  return ended.task.status === "completed" ? EXIT.ok : EXIT.taskNotCompleted;
}

/** Polls the task until it ends (null when --wait-timeout, in ms, passes first; 0 waits for ever). */
async function waitForEnd(conn: Connection, id: string, waitMs: number, out: Out): Promise<{ task: Task } | null> {
  const deadline = waitMs > 0 ? Date.now() + waitMs : Infinity;
  let last = "";
  for (;;) {
    const view = await request<{ task: Task }>(conn, "GET", `/api/cockpit/tasks/${encodeURIComponent(id)}`);
    if (view.task.status !== last) out.err(`status: ${(last = view.task.status)}`);
    if (ENDED.has(view.task.status)) return view;
    if (Date.now() >= deadline) {
      out.err(`gave up waiting after ${waitMs} ms; task ${id} is still ${view.task.status}`);
      return null;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function listTasks(conn: Connection, flags: { status?: string; executor?: string; limit?: string }, out: Out): Promise<number> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) q.set(k, v);
  const body = await request<{ tasks: Task[]; total: number }>(conn, "GET", `/api/cockpit/tasks${q.size ? `?${q}` : ""}`);
  out.print(
    out.json
      ? JSON.stringify(body, null, 2)
      : `${table(body.tasks, ["id", "status", "executor", "priority", "assignedAgentId", "title"])}\n(${body.tasks.length} of ${body.total})`,
  );
  return EXIT.ok;
}

export async function taskCommand(conn: Connection, verb: "show" | "cancel" | "retry", id: string | undefined, out: Out): Promise<number> {
  if (!id) throw new CliError(`tasks ${verb}: give the task id`, EXIT.usage);
  const path = `/api/cockpit/tasks/${encodeURIComponent(id)}${verb === "show" ? "" : `/${verb}`}`;
  const body = await request<{ task: Task }>(conn, verb === "show" ? "GET" : "POST", path);
  show(out, body, body.task);
  return EXIT.ok;
}
