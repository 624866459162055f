import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { change } from "@/lib/db/serialize";
import { applySilences, expireSilence, silenceJson } from "@/lib/alerts/silences";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { sendToHub } from "@/lib/hub-client/client";
import { silenceIdParam } from "../../schema";

export const dynamic = "force-dynamic";

/** Ends a silence now (idempotent): its alerts lose the mark, and those still open are notified as they would have been. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "write");
  const id = silenceIdParam((await ctx.params).id);
  const db = await getDb();
  const now = Date.now();
  const { row, changed } = await expireSilence(db, id, who.name, now);
  if (!row) throw new ApiError("not_found", `no silence ${id}`);
  if (changed) {
    const alerts = await applySilences(db, now);
    await audit({ actor: who.keyId, action: "silence.expire", target: id });
    if (alerts.length > 0) await sendToHub({ changes: alerts.map(change.alert) });
  }
  return Response.json({ silence: silenceJson(row, now), changed });
});
