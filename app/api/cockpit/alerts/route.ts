import { audit } from "@/lib/db/queries/audit";
import { insertAlert, listAlerts } from "@/lib/db/queries/alerts";
import { alertJson, change } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { decodeCursor, pageOf } from "@/lib/http/paging";
import { sendToHub } from "@/lib/hub-client/client";
import { createAlertBody, listAlertsQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, listAlertsQuery);
  const { rows, total } = await listAlerts({ ...q, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
  const { page, nextCursor } = pageOf(rows, q.limit);
  return Response.json({ alerts: page.map(alertJson), total, limit: q.limit, nextCursor });
});

/** For automation (monitors, CI): raise an alert that the dashboard shows at once. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, createAlertBody);
  const row = await insertAlert(body);
  if (row === "duplicate") throw new ApiError("conflict", `an alert with id ${body.id} already exists`, "id");
  await audit({ actor: who.keyId, action: "alert.create", target: row.id, detail: { severity: row.severity } });
  await sendToHub({ changes: [change.alert(row)] });
  return Response.json({ alert: alertJson(row) }, { status: 201 });
});
