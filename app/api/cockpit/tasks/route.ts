import { audit } from "@/lib/db/queries/audit";
import { getDb, getReadDb } from "@/lib/db/client";
import { change, taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { encodeTaskCursor } from "@/lib/tasks/list-cursor";
import { listTaskPage } from "@/lib/tasks/list";
import { pageCursors } from "@/lib/tasks/list-query";
import { dispatchAndPublish } from "@/lib/hub-client/publish";
import { getTask } from "@/lib/tasks/store";
import { insertTask } from "@/lib/tasks/store-create";
import { listAgents } from "@/lib/db/queries/agents";
import { createTaskBody, listTasksQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, listTasksQuery);
  // A second connection: a list page never waits behind a write transaction holding the main one.
  const { cursor, after, before, ...rest } = q;
  const page = await listTaskPage(await getReadDb(), { ...rest, ...pageCursors(q.sort, { after, before, cursor }) });
  return Response.json({
    tasks: page.rows.map((t) => taskJson(t, { withLogs: false })),
    total: page.total,
    totalExact: page.totalExact,
    start: page.start,
    limit: q.limit,
    sort: q.sort,
    order: q.order,
    nextCursor: page.next && encodeTaskCursor(page.next),
    prevCursor: page.prev && encodeTaskCursor(page.prev),
  });
});

/** Stores the task as pending, then offers it at once to a connected agent that can run it. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  const { fanOut, ...body } = await parseBody(req, createTaskBody);
  const fanOutAgents = fanOut ? await resolveFanOut(fanOut) : undefined;
  const db = await getDb();
  const row = await insertTask(db, { ...body, fanOutAgents, createdBy: who.name });
  if (row === "duplicate") throw new ApiError("conflict", `a task with id ${body.id} already exists`, "id");
  if ("missingDependency" in row) throw new ApiError("bad_request", `dependsOn: no task ${row.missingDependency}`, "dependsOn");
  if ("duplicateChild" in row) throw new ApiError("conflict", `fan-out child id ${row.duplicateChild} is already taken by another task`, "id");
  await audit({ actor: who.keyId, action: "task.create", target: row.id, detail: { title: row.title, executor: row.executor } });
  await dispatchAndPublish([change.task(row)]);
  const current = (await getTask(db, { id: row.id })) ?? row;
  return Response.json({ task: taskJson(current) }, { status: 201, headers: { location: `/api/cockpit/tasks/${row.id}` } });
});

/** The agents a fan-out targets: those listed, or every connected agent advertising the capability. */
async function resolveFanOut(fanOut: { capability: string } | { agents: string[] }): Promise<string[]> {
  if ("agents" in fanOut) return [...new Set(fanOut.agents)];
  const connected = await listAgents({ connected: true });
  const ids = connected.filter((a) => a.capabilities.includes(fanOut.capability)).map((a) => a.id);
  if (ids.length === 0) throw new ApiError("bad_request", `fanOut.capability: no connected agent has ${fanOut.capability}`, "fanOut.capability");
  return ids;
}
