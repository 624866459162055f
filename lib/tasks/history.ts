import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { prepared } from "../db/prepared";
import { taskEvents } from "../db/schema";

export type TaskEvent = {
  taskId: string;
  type: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  agentId?: string | null;
  attempt?: number | null;
  message?: string | null;
  createdAt: number;
};

/** Appends one entry to a task's history: the insert every state change makes, built once (lib/db/prepared.ts). */
export async function recordTaskEvent(db: Db, event: TaskEvent): Promise<void> {
  const insert = prepared(db, "task event", (d) =>
    d.insert(taskEvents).values({
      taskId: sql.placeholder("taskId"),
      type: sql.placeholder("type"),
      fromStatus: sql.placeholder("fromStatus"),
      toStatus: sql.placeholder("toStatus"),
      agentId: sql.placeholder("agentId"),
      attempt: sql.placeholder("attempt"),
      message: sql.placeholder("message"),
      createdAt: sql.placeholder("createdAt"),
    }),
  );
  await insert.run({
    taskId: event.taskId,
    type: event.type,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    agentId: event.agentId ?? null,
    attempt: event.attempt ?? null,
    message: event.message ?? null,
    createdAt: event.createdAt,
  });
}
