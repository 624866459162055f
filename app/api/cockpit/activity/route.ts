import { listActivity } from "@/lib/activity/query";
import { activityJson } from "@/lib/activity/types";
import { getDb } from "@/lib/db/client";
import { requirePermission } from "@/lib/http/auth";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { listActivityQuery } from "./schema";

export const dynamic = "force-dynamic";

/** The activity feed: tasks, git, alerts, agents, approvals and commands in one timeline, newest first. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, listActivityQuery);
  const page = await listActivity(await getDb(), q);
  return Response.json({ entries: page.entries.map(activityJson), limit: q.limit, nextCursor: page.nextCursor, newerCursor: page.newerCursor });
});
