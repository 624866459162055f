import { stateOfTask, type CommandRequest, type SendState } from "./requests";

/** The part of a task the bar follows; updatedAt orders a POST's answer against live changes that overtook it. */
export type FollowedTask = { id: string; status: string; error: string | null; updatedAt?: string | null };

/** One sent command as its sender sees it: queued → sent → running → done, or failed with the reason. */
export type FeedbackItem = { key: string; text: string; state: SendState; reason?: string; taskId?: string; version?: number };

/**
 * Shows a task's state on the item that made it, unless a newer change is already shown: the live change that the
 * task started can arrive before the POST that created it answers, and must not be overwritten by that answer.
 */
export function withTaskChange(list: FeedbackItem[], task: FollowedTask): FeedbackItem[] {
  const version = task.updatedAt ? Date.parse(task.updatedAt) : 0;
  const state = stateOfTask(task.status);
  return list.map((i) =>
    i.taskId !== task.id || (i.version ?? -1) > version ? i : { ...i, state, version, reason: state === "failed" ? (task.error ?? task.status) : undefined },
  );
}

export type SendOutcome =
  /** Stored (or already stored under our id by an earlier try): the task, when the command made one. */
  | { kind: "ok"; task?: FollowedTask }
  /** The server said no: the reason is shown and the line comes back to the input. */
  | { kind: "refused"; message: string }
  /** No answer, or the server cannot take it now: the command waits in the queue. */
  | { kind: "retry"; message: string };

type ErrorBody = { error?: { message?: string; field?: string } };

/** One send of a command's REST call; a repeat of a task-creating call that the server already took counts as sent. */
export async function sendRequest(request: CommandRequest, fetchFn: typeof fetch = fetch): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetchFn(request.path, {
      method: "POST",
      headers: request.body ? { "content-type": "application/json" } : {},
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
  } catch {
    return { kind: "retry", message: "could not reach the server" };
  }
  const body = (await res.json().catch(() => ({}))) as ErrorBody & { task?: FollowedTask };
  if (res.ok) return { kind: "ok", task: body.task };
  if (res.status === 409 && request.taskId && body.error?.field === "id") return { kind: "ok", task: await currentTask(request.taskId, fetchFn) };
  const message = body.error?.message ?? `HTTP ${res.status}`;
  if (res.status >= 500) return { kind: "retry", message };
  return { kind: "refused", message };
}

/** The task as stored now; pending when it cannot be read (the live view corrects it). */
async function currentTask(id: string, fetchFn: typeof fetch): Promise<FollowedTask> {
  try {
    const res = await fetchFn(`/api/cockpit/tasks/${encodeURIComponent(id)}`);
    if (res.ok) return ((await res.json()) as { task: FollowedTask }).task;
  } catch {
    // fall through
  }
  return { id, status: "pending", error: null };
}
