import { loadAlertDetail } from "@/lib/alerts/detail";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { alertIdParam } from "../schema";

export const dynamic = "force-dynamic";

/** One alert with its timeline and delivery log. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const id = alertIdParam((await ctx.params).id);
  const detail = await loadAlertDetail(id);
  if (!detail) throw new ApiError("not_found", `no alert ${id}`);
  return Response.json(detail);
});
