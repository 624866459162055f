import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { alertJson, change } from "@/lib/db/serialize";
import { snoozeAlert } from "@/lib/alerts/lifecycle";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { parseBody } from "@/lib/http/input";
import { alertIdParam, snoozeBody } from "../../schema";

export const dynamic = "force-dynamic";

/** Snooze: no repeats or escalations until the given time (`{minutes}` or `{until}`; `{until: null}` lifts it). */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const id = alertIdParam((await ctx.params).id);
  const body = await parseBody(req, snoozeBody);
  const now = Date.now();
  const until = body.minutes !== undefined ? now + body.minutes * 60_000 : body.until ? Date.parse(body.until) : null;
  if (until !== null && until <= now) throw new ApiError("bad_request", "until must be in the future", "until");
  const row = await (await getDb()).transaction((tx) => snoozeAlert(tx, id, until, who.name, now));
  if (!row) throw new ApiError("not_found", `no alert ${id}`);
  await audit({ actor: who.keyId, action: "alert.snooze", target: id, detail: { until } });
  await sendToHub({ changes: [change.alert(row)] });
  return Response.json({ alert: alertJson(row) });
});
