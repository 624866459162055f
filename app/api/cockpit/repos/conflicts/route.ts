import { getDb } from "@/lib/db/client";
import { findConflictsWithChecks } from "@/lib/git-safety/merge-radar";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The conflict radar's current findings: pairs of machines changing the same files of one repository identity. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  return Response.json({ conflicts: await findConflictsWithChecks(await getDb()) });
});
