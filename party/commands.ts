import type * as Party from "partykit/server";
import { delivery, hubCommand, type HubCommandReply } from "../lib/bridge/messages";
import { verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../lib/bridge/sign";
import { BRIDGE_BODY_BYTES } from "../lib/protocol/limits";
import { unauthorized } from "./auth";
import { readCappedText } from "./body";
import type CockpitRoom from "./cockpit";

const badRequest = (message: string, details?: unknown) =>
  Response.json({ error: { code: "bad_request", message, ...(details ? { details } : {}) } }, { status: 400 });

/** web → hub: deliver tasks, fan out changes, close revoked keys' sockets. Signed by the web; anything else is refused. */
export async function applyCommand(room: CockpitRoom, req: Party.Request): Promise<Response> {
  // The size is checked before the signature, so an unauthenticated peer cannot make the hub hold a huge body.
  const body = await readCappedText(req as unknown as Request, BRIDGE_BODY_BYTES);
  if (!body.ok)
    return Response.json({ error: { code: body.status === 413 ? "payload_too_large" : "bad_request", message: body.message } }, { status: body.status });
  const signature = req.headers.get(SIGNATURE_HEADER);
  const ok = await verifySignature(room.config.secret, body.text, req.headers.get(TIMESTAMP_HEADER), signature);
  if (!ok || !signature) return unauthorized("bad bridge signature");
  if (!room.replays.firstUse(signature)) return unauthorized("replayed bridge request");
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return badRequest("body is not JSON");
  }
  const parsed = hubCommand.safeParse(json);
  if (!parsed.success) return badRequest("invalid command", parsed.error.issues);
  const command = parsed.data;
  const reply: HubCommandReply = { rejected: [] };
  // Changes first: a delivery's own `running` row (newer) must reach dashboards after them.
  room.broadcastChanges(command.changes);
  for (const raw of command.deliveries) {
    const d = delivery.safeParse(raw);
    if (!d.success) {
      const taskId = typeof raw === "object" && raw !== null && "taskId" in raw ? String((raw as { taskId: unknown }).taskId).slice(0, 200) : "?";
      reply.rejected!.push({
        taskId,
        reason: d.error.issues
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")
          .slice(0, 500),
      });
      continue;
    }
    room.handOver(d.data);
  }
  room.deliverNotices(command.notices);
  if (command.revokedKeyIds.length > 0) await room.revokeKeys(command.revokedKeyIds);
  for (const o of command.agentOwners) await room.setOwner(o.agentId, o.keyId);
  if (command.wantPresence) {
    reply.presence = room.presenceSnapshot();
    reply.settledBefore = room.outbox.settledBefore();
  }
  return Response.json(reply);
}
