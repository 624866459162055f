import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { listWorkAtRisk } from "@/lib/git-safety/at-risk";
import { requirePermission } from "@/lib/http/auth";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Unpushed commits, uncommitted changes and stashes on every machine, oldest first. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const { limit } = parseQuery(req, query);
  return Response.json({ repos: await listWorkAtRisk(await getDb(), { limit }) });
});
