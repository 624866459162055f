import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { collectMetrics } from "@/lib/metrics/collect";
import { EXPOSITION_CONTENT_TYPE, renderFamilies } from "@/lib/metrics/exposition";

export const dynamic = "force-dynamic";

/** Prometheus scrape target: `bearer_token` in the scrape config carries a viewer key. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  return new Response(renderFamilies(await collectMetrics()), { headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } });
});
