import { getDb } from "@/lib/db/client";
import { audit } from "@/lib/db/queries/audit";
import { change } from "@/lib/db/serialize";
import { applySilences, createSilence, listSilences, silenceJson } from "@/lib/alerts/silences";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody, parseQuery } from "@/lib/http/input";
import { sendToHub } from "@/lib/hub-client/client";
import { createSilenceBody, listSilencesQuery, silenceWindow } from "./schema";

export const dynamic = "force-dynamic";

/** Silences, newest first: by default those not over yet (active and pending). */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const { state } = parseQuery(req, listSilencesQuery);
  const now = Date.now();
  return Response.json({ silences: (await listSilences(await getDb(), state, now)).map((s) => silenceJson(s, now)) });
});

/** Mutes a source for a window: matching alerts are still recorded and counted, but marked silenced and not notified. */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, createSilenceBody);
  const now = Date.now();
  const window = silenceWindow(body, now);
  const db = await getDb();
  const row = await createSilence(
    db,
    { agentId: body.agentId ?? null, kind: body.kind ?? null, source: body.source ?? null, tag: body.tag ?? null, comment: body.comment, ...window },
    who.name,
    now,
  );
  // Alerts already open under it are marked now, not at the notifier's next pass.
  const changed = await applySilences(db, now);
  await audit({ actor: who.keyId, action: "silence.create", target: row.id, detail: { endsAt: row.endsAt } });
  if (changed.length > 0) await sendToHub({ changes: changed.map(change.alert) });
  return Response.json({ silence: silenceJson(row, now) }, { status: 201 });
});
