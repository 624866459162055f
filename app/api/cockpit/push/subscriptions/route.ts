import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { listSubscriptions, removeSubscription, saveSubscription, subscriptionJson } from "@/lib/notify/push/store";
import { findChannel } from "@/lib/notify/store";
import { subscribeBody, unsubscribeBody } from "./schema";

export const dynamic = "force-dynamic";

/** The devices subscribed to web push channels, with name and last use; endpoints and keys never come back. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "admin");
  return Response.json({ subscriptions: (await listSubscriptions()).map(subscriptionJson) });
});

/** A device subscribes to a web push channel (again: same endpoint, one row). */
export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const body = await parseBody(req, subscribeBody);
  const channel = await findChannel(body.channelId);
  if (!channel) throw new ApiError("not_found", `no channel ${body.channelId}`, "channelId");
  if (channel.type !== "webpush") throw new ApiError("bad_request", `channel ${body.channelId} is ${channel.type}, not webpush`, "channelId");
  const row = await saveSubscription({ channelId: channel.id, endpoint: body.subscription.endpoint, keys: body.subscription.keys, deviceName: body.deviceName });
  await audit({ actor: who.keyId, action: "push.subscribe", target: row.id, detail: { channelId: channel.id, deviceName: row.deviceName } });
  return Response.json({ subscription: subscriptionJson(row) }, { status: 201 });
});

export const DELETE = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const body = await parseBody(req, unsubscribeBody);
  const row = await removeSubscription(body);
  if (!row) throw new ApiError("not_found", "no such subscription", "id" in body ? "id" : "endpoint");
  await audit({ actor: who.keyId, action: "push.unsubscribe", target: row.id });
  return Response.json({ deleted: row.id });
});
