import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { alertJson, change } from "@/lib/db/serialize";
import { acknowledgeAlerts, resolveAlerts } from "@/lib/alerts/lifecycle";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { sendToHub } from "@/lib/hub-client/client";
import { bulkBody } from "../schema";

export const dynamic = "force-dynamic";

/** Acknowledge or resolve up to 500 alerts in one transaction; says which changed, which were already so, which do not exist. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, bulkBody);
  const db = await getDb();
  const result = await db.transaction((tx) =>
    body.action === "acknowledge" ? acknowledgeAlerts(tx, body.ids, who.name, body.comment) : resolveAlerts(tx, body.ids, who.name, body.comment),
  );
  if (result.changed.length > 0) {
    await audit({ actor: who.keyId, action: `alert.bulk-${body.action}`, detail: { ids: result.changed.map((r) => r.id) } });
    await sendToHub({ changes: result.changed.map(change.alert) });
  }
  return Response.json({
    changed: result.changed.map(alertJson),
    unchanged: result.unchanged.map((r) => r.id),
    missing: result.missing,
  });
});
