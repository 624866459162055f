import { agentJson, change } from "@/lib/db/serialize";
import { setPaused } from "@/lib/fleet/pause";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { dispatchAndPublish } from "@/lib/hub-client/publish";
import { idSchema } from "@/lib/protocol";

/** POST /agents/:id/pause and /resume: operators only; the change reaches dashboards, and a resume dispatches at once. */
export async function runPause(req: Request, ctx: { params: Promise<{ id: string }> }, pause: boolean): Promise<Response> {
  const who = await requirePermission(req, "write");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid agent id", "id");
  const row = await setPaused(id, pause, who.keyId);
  if (!row) throw new ApiError("not_found", `no agent ${id}`);
  await dispatchAndPublish([change.agent(row)]);
  return Response.json({ agent: agentJson(row) });
}
