import { audit } from "@/lib/db/queries/audit";
import { listAlerts } from "@/lib/db/queries/alerts";
import { getDb } from "@/lib/db/client";
import { alertJson, change } from "@/lib/db/serialize";
import { raiseAlert, resolveAlert } from "@/lib/alerts/raise";
import { acknowledgeAlerts, findAlertByKey } from "@/lib/alerts/lifecycle";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { decodeCursor, pageOf } from "@/lib/http/paging";
import { sendToHub } from "@/lib/hub-client/client";
import { alertEventBody, listAlertsQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(
  async (req: Request) => {
    await requirePermission(req, "read");
    const q = parseQuery(req, listAlertsQuery);
    const { rows, total } = await listAlerts({ ...q, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
    const { page, nextCursor } = pageOf(rows, q.limit);
    return Response.json({ alerts: page.map(alertJson), total, limit: q.limit, nextCursor });
  },
  { fast: "GET /api/cockpit/alerts" },
);

/**
 * For automation (monitors, CI): trigger an alert, or acknowledge / resolve one by its dedupKey. A trigger with a key
 * that is already open counts one more (200, outcome "repeated"); with a resolved key it reopens (200, "reopened").
 */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, alertEventBody);
  const db = await getDb();
  if (body.action === "trigger") {
    const { action: _action, ...input } = body;
    const raised = await db.transaction((tx) => raiseAlert(tx, { ...input, actor: who.name }));
    if (!raised.row) throw new ApiError("conflict", `an alert with id ${body.id} already exists`, "id");
    if (raised.outcome !== "repeated")
      await audit({
        actor: who.keyId,
        action: `alert.${raised.outcome === "created" ? "create" : "reopen"}`,
        target: raised.row.id,
        detail: { severity: raised.row.severity },
      });
    await sendToHub({ changes: [change.alert(raised.row)] });
    return Response.json({ alert: alertJson(raised.row), outcome: raised.outcome }, { status: raised.outcome === "created" ? 201 : 200 });
  }
  const existing = await findAlertByKey(db, body.dedupKey);
  if (!existing) throw new ApiError("not_found", `no alert with dedupKey ${body.dedupKey}`, "dedupKey");
  const row =
    body.action === "acknowledge"
      ? (await db.transaction((tx) => acknowledgeAlerts(tx, [existing.id], who.name, body.comment))).changed[0]
      : await db.transaction((tx) => resolveAlert(tx, body.dedupKey, body.reason ?? "resolved by automation", who.name));
  if (row) {
    await audit({ actor: who.keyId, action: `alert.${body.action === "acknowledge" ? "ack" : "resolve"}`, target: row.id });
    await sendToHub({ changes: [change.alert(row)] });
  }
  return Response.json({ alert: alertJson(row ?? existing), changed: Boolean(row) });
});
