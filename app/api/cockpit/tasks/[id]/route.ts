import { getDb } from "@/lib/db/client";
import { getTask, listAttempts, listChildren, listTaskEvents } from "@/lib/tasks/store";
import { iso } from "@/lib/http/time";
import { taskEventJson, taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid task id", "id");
  const db = await getDb();
  const task = await getTask(db, { id });
  if (!task) throw new ApiError("not_found", `no task ${id}`);
  const [events, attempts, children] = await Promise.all([
    listTaskEvents(db, { taskId: id }),
    listAttempts(db, { taskId: id }),
    task.kind === "fan-out" ? listChildren(db, { parentId: id }) : [],
  ]);
  return Response.json({
    task: taskJson(task),
    events: events.map(taskEventJson),
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      agentId: a.agentId,
      assignedAt: iso(a.assignedAt),
      startedAt: iso(a.startedAt),
      endedAt: iso(a.endedAt),
      outcome: a.outcome,
      reason: a.reason,
    })),
    children: children.map((c) => taskJson(c, { withLogs: false })),
  });
});
