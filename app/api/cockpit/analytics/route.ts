import { readAnalytics } from "@/lib/analytics/store";
import { getDb } from "@/lib/db/client";
import { requirePermission } from "@/lib/http/auth";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { iso } from "@/lib/http/time";
import { analyticsQuery } from "./schema";

export const dynamic = "force-dynamic";

/** Task analytics per time bucket, optionally per executor / agent / priority, from the trigger-kept rollups. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, analyticsQuery);
  const groups = await readAnalytics(await getDb(), { from: q.from, to: q.to, size: q.bucket, by: q.by ?? "all" });
  return Response.json({ from: iso(q.from), to: iso(q.to), bucket: q.bucket, by: q.by ?? null, groups });
});
