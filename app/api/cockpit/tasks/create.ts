import { audit } from "@/lib/db/queries/audit";
import { getDb } from "@/lib/db/client";
import { change, taskJson } from "@/lib/db/serialize";
import { listAgents } from "@/lib/db/queries/agents";
import type { Principal } from "@/lib/auth/roles";
import { ApiError } from "@/lib/http/errors";
import { dispatchAndPublish } from "@/lib/hub-client/publish";
import { getTask } from "@/lib/tasks/store";
import { insertTask } from "@/lib/tasks/store-create";
import type { z } from "zod";
import type { createTaskBody } from "./schema";

export type CreateTaskInput = z.infer<typeof createTaskBody>;

/**
 * Stores a validated task as pending, then offers it at once to a connected agent that can run it: the one path of
 * POST /tasks and of a template's run. A repeated id is a 409 and creates nothing.
 */
export async function createTaskAs(who: Principal, body: CreateTaskInput, auditDetail: Record<string, unknown> = {}): Promise<Response> {
  const { fanOut, ...rest } = body;
  const fanOutAgents = fanOut ? await resolveFanOut(fanOut) : undefined;
  const db = await getDb();
  const row = await insertTask(db, { ...rest, fanOutAgents, createdBy: who.name }, (tx, task) =>
    audit({ actor: who.keyId, action: "task.create", target: task.id, detail: { title: task.title, executor: task.executor, ...auditDetail } }, tx),
  );
  if (row === "duplicate") throw new ApiError("conflict", `a task with id ${body.id} already exists`, "id");
  if ("missingDependency" in row) throw new ApiError("bad_request", `dependsOn: no task ${row.missingDependency}`, "dependsOn");
  if ("duplicateChild" in row) throw new ApiError("conflict", `fan-out child id ${row.duplicateChild} is already taken by another task`, "id");
  // The round that carried the new task may have claimed it; otherwise it is as stored (or read again if taken back).
  const claimed = (await dispatchAndPublish([change.task(row)])).find((t) => t.id === row.id);
  const current = claimed ?? (await getTask(db, { id: row.id })) ?? row;
  return Response.json({ task: taskJson(current) }, { status: 201, headers: { location: `/api/cockpit/tasks/${row.id}` } });
}

/** The agents a fan-out targets: those listed, or every connected agent advertising the capability. */
async function resolveFanOut(fanOut: { capability: string } | { agents: string[] }): Promise<string[]> {
  if ("agents" in fanOut) return [...new Set(fanOut.agents)];
  const connected = await listAgents({ connected: true });
  const ids = connected.filter((a) => a.capabilities.includes(fanOut.capability)).map((a) => a.id);
  if (ids.length === 0) throw new ApiError("bad_request", `fanOut.capability: no connected agent has ${fanOut.capability}`, "fanOut.capability");
  return ids;
}
