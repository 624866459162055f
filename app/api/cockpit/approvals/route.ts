import { getDb } from "@/lib/db/client";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { approvalJson } from "@/lib/sessions/json";
import { listPendingApprovals } from "@/lib/sessions/store";

export const dynamic = "force-dynamic";

/** Tool calls waiting for an operator's decision, oldest first (an expired one is a deny and no longer listed). */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const approvals = await listPendingApprovals(await getDb());
  return Response.json({ approvals: approvals.map(approvalJson) });
});
