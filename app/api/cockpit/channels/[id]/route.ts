import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { parseBody } from "@/lib/http/input";
import type { ChannelType } from "@/lib/notify/channel-config";
import { channelJson, deleteChannel, findChannel, updateChannel } from "@/lib/notify/store";
import { channelIdParam, checkedChannel, patchChannelBody } from "../schema";

export const dynamic = "force-dynamic";

/** Rename, enable/disable, set quiet hours, or replace the settings (send the whole config: secrets are never read back). */
export const PATCH = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const id = channelIdParam((await ctx.params).id);
  const body = await parseBody(req, patchChannelBody);
  const existing = await findChannel(id);
  if (!existing) throw new ApiError("not_found", `no channel ${id}`);
  const config = body.config === undefined ? undefined : checkedChannel(existing.type as ChannelType, body.config).config;
  const row = await updateChannel(id, { ...body, config });
  if (!row) throw new ApiError("not_found", `no channel ${id}`);
  await audit({ actor: who.keyId, action: "channel.update", target: id, detail: { fields: Object.keys(body) } });
  return Response.json({ channel: channelJson(row) });
});

export const DELETE = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const id = channelIdParam((await ctx.params).id);
  if (!(await deleteChannel(id))) throw new ApiError("not_found", `no channel ${id}`);
  await audit({ actor: who.keyId, action: "channel.delete", target: id });
  return Response.json({ deleted: id });
});
