import { getDb } from "@/lib/db/client";
import { getAgentRow } from "@/lib/fleet/agent-detail";
import { listHourly, listSamples } from "@/lib/fleet/metrics-store";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { iso } from "@/lib/http/time";
import { idSchema } from "@/lib/protocol";
import { agentMetricsQuery } from "../../schema";

export const dynamic = "force-dynamic";

/** Health samples: the raw ones of the last 24 h, or the hourly averages of the last 7 days. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid agent id", "id");
  const q = parseQuery(req, agentMetricsQuery);
  if (!(await getAgentRow(id))) throw new ApiError("not_found", `no agent ${id}`);
  const db = await getDb();
  const now = Date.now();
  if (q.range === "24h") {
    const rows = await listSamples(db, id, now - 24 * 3600_000);
    return Response.json({
      range: q.range,
      samples: rows.map((r) => ({
        at: iso(r.at),
        cpuPercent: r.cpuPercent,
        load1: r.load1,
        memUsedPercent: r.memUsedPercent,
        diskUsedPercent: r.diskUsedPercent,
        diskFreeBytes: r.diskFreeBytes,
        batteryPercent: r.batteryPercent,
        onBattery: r.onBattery,
        agentRssBytes: r.agentRssBytes,
        systemUptimeSec: r.systemUptimeSec,
        disks: r.disks ?? [],
      })),
    });
  }
  const rows = await listHourly(db, id, now - 7 * 24 * 3600_000);
  return Response.json({
    range: q.range,
    samples: rows.map((r) => ({
      at: iso(r.hour),
      samples: r.samples,
      cpuPercent: r.cpuPercent,
      load1: r.load1,
      memUsedPercent: r.memUsedPercent,
      diskUsedPercent: r.diskUsedPercent,
      batteryPercent: r.batteryPercent,
      agentRssBytes: r.agentRssBytes,
    })),
  });
});
