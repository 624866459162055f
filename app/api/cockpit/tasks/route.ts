import { getReadDb } from "@/lib/db/client";
import { taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { encodeTaskCursor } from "@/lib/tasks/list-cursor";
import { listTaskPage } from "@/lib/tasks/list";
import { pageCursors } from "@/lib/tasks/list-query";
import { createTaskAs } from "./create";
import { createTaskBody, listTasksQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(
  async (req: Request) => {
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
  },
  { fast: "GET /api/cockpit/tasks" },
);

/** Stores the task as pending, then offers it at once to a connected agent that can run it. */
export const POST = handle(
  async (req: Request) => {
    const who = await requirePermission(req, "write");
    return createTaskAs(who, await parseBody(req, createTaskBody));
  },
  { fast: "POST /api/cockpit/tasks" },
);
