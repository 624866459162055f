import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import { channelJson, createChannel, listChannels } from "@/lib/notify/store";
import { checkedChannel, createChannelBody } from "./schema";

export const dynamic = "force-dynamic";

/** Notification channels; secrets come back masked, never in full. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "admin");
  return Response.json({ channels: (await listChannels()).map(channelJson) });
});

export const POST = handle(async (req: Request) => {
  const who = await requirePermission(req, "admin");
  const body = await parseBody(req, createChannelBody);
  const row = await createChannel({ name: body.name, channel: checkedChannel(body.type, body.config), quietHours: body.quietHours, quietTimeZone: body.quietTimeZone, enabled: body.enabled });
  await audit({ actor: who.keyId, action: "channel.create", target: row.id, detail: { type: row.type } });
  return Response.json({ channel: channelJson(row) }, { status: 201 });
});
