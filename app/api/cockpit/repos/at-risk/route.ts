import { getDb } from "@/lib/db/client";
import { listWorkAtRisk } from "@/lib/git-safety/at-risk";
import { requirePermission } from "@/lib/http/auth";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { atRiskQuery } from "../schema";

export const dynamic = "force-dynamic";

/** Unpushed commits, uncommitted changes and stashes on every machine, oldest first. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const { limit } = parseQuery(req, atRiskQuery);
  return Response.json({ repos: await listWorkAtRisk(await getDb(), { limit }) });
});
