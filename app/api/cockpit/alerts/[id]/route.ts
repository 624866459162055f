import { getDb } from "@/lib/db/client";
import { alertJson } from "@/lib/db/serialize";
import { listAlertEvents } from "@/lib/alerts/events";
import { findAlert } from "@/lib/alerts/lifecycle";
import { listDeliveries } from "@/lib/notify/store";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { iso } from "@/lib/http/time";
import { alertIdParam } from "../schema";

export const dynamic = "force-dynamic";

/** One alert with its timeline and delivery log. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const id = alertIdParam((await ctx.params).id);
  const db = await getDb();
  const alert = await findAlert(db, id);
  if (!alert) throw new ApiError("not_found", `no alert ${id}`);
  const events = await listAlertEvents(db, id);
  const { deliveries, outbox } = await listDeliveries(id);
  return Response.json({
    alert: alertJson(alert),
    events: events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, message: e.message, at: iso(e.createdAt) })),
    deliveries,
    outbox,
  });
});
