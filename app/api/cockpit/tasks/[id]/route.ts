import { loadTask } from "@/lib/dashboard/loaders";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid task id", "id");
  // The same view the task page loads, so REST and the page never drift apart.
  const view = await loadTask(id);
  if (!view) throw new ApiError("not_found", `no task ${id}`);
  return Response.json(view);
});
