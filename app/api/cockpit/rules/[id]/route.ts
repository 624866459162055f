import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { deleteRule } from "@/lib/notify/store";
import { idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid rule id", "id");
  if (!(await deleteRule(id))) throw new ApiError("not_found", `no rule ${id}`);
  await audit({ actor: who.keyId, action: "rule.delete", target: id });
  return Response.json({ deleted: id });
});
