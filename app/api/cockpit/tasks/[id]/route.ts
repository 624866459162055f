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
  // One loader for the page and REST: the same shape, including why a gated task still waits.
  const detail = await loadTask(id);
  if (!detail) throw new ApiError("not_found", `no task ${id}`);
  return Response.json(detail);
});
