import "server-only";
import type { Notice } from "../bridge/messages";
import type { Db } from "../db/client";
import type { TaskRow } from "../db/serialize";
import { taskCancelFrame } from "../protocol/hub-frames";
import { endAttempt, transition } from "./lifecycle";
import { ENDED, hasEnded } from "./rules";
import { getTask, listChildren } from "./store";

/** Operator commands on one task: what changed, what the agents must be told, or why nothing changed. */
export type CommandResult = { row: TaskRow | null; notices: Notice[]; error?: string };
export type TaskCommand = (db: Db, options: { id: string; by: string }) => Promise<CommandResult>;

/** Cancels a task: pending at once; assigned or running ends now and the agent is told to stop. Fan-out children too. */
export const cancelTask: TaskCommand = async (db, { id, by }) => {
  const task = await getTask(db, { id });
  if (!task) return { row: null, notices: [], error: "not_found" };
  if (hasEnded(task.status)) return { row: task, notices: [], error: `task is already ${task.status}` };
  const notices: Notice[] = [];
  const reason = `cancelled by ${by}`;
  let row: TaskRow | null;
  if (task.status === "assigned" || task.status === "running") {
    row = await endAttempt(db, { task, outcome: "cancelled", reason });
    if (row && task.assignedAgentId) notices.push({ agentId: task.assignedAgentId, frame: taskCancelFrame(id, reason) });
  } else {
    row = await transition(db, {
      taskId: id,
      expect: { statuses: ["pending", "running"] },
      set: { status: "cancelled", error: reason, completedAt: Date.now() },
      event: { type: "cancelled", agentId: null, message: reason },
    });
  }
  if (task.kind === "fan-out") {
    for (const child of await listChildren(db, { parentId: id, open: true })) notices.push(...(await cancelTask(db, { id: child.id, by })).notices);
  }
  return { row, notices };
};

/** Runs an ended task again: one more attempt, from the queue, now. */
export const retryTask: TaskCommand = async (db, { id, by }) => {
  const task = await getTask(db, { id });
  if (!task) return { row: null, notices: [], error: "not_found" };
  if (!hasEnded(task.status)) return { row: task, notices: [], error: `task is ${task.status}, not ended` };
  if (task.kind === "fan-out") return { row: task, notices: [], error: "retry the children of a fan-out task instead" };
  const row = await transition(db, {
    taskId: id,
    expect: { statuses: [...ENDED] },
    set: {
      status: "pending",
      assignedAgentId: null,
      assignedAt: null,
      startedAt: null,
      completedAt: null,
      availableAt: 0,
      error: null,
      maxAttempts: task.attempt + 1,
      expiries: 0,
    },
    event: { type: "retried", agentId: null, message: `manual retry by ${by}` },
  });
  return { row, notices: [] };
};
