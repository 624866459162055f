import { getTask, listTaskEvents } from "@/lib/db/queries/tasks";
import { taskEventJson, taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError, handle } from "@/lib/http/errors";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid task id", "id");
  const task = await getTask(id);
  if (!task) throw new ApiError("not_found", `no task ${id}`);
  const events = await listTaskEvents(id);
  return Response.json({ task: taskJson(task), events: events.map(taskEventJson) });
});
