import { getReadDb } from "@/lib/db/client";
import { taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { decodeCursor, pageOf } from "@/lib/http/paging";
import { listTasks } from "@/lib/tasks/store";
import { createTaskAs } from "./create";
import { createTaskBody, listTasksQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, listTasksQuery);
  // A second connection: a list page never waits behind a write transaction holding the main one.
  const { rows, total } = await listTasks(await getReadDb(), { ...q, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
  const { page, nextCursor } = pageOf(rows, q.limit);
  return Response.json({ tasks: page.map((t) => taskJson(t, { withLogs: false })), total, limit: q.limit, nextCursor });
});

/** Stores the task as pending, then offers it at once to a connected agent that can run it. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  return createTaskAs(who, await parseBody(req, createTaskBody));
});
