import { audit } from "@/lib/db/queries/audit";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { handle } from "@/lib/http/route";
import { deliver } from "@/lib/notify/deliver";
import { testNotice } from "@/lib/notify/notice";
import { findChannel, openChannel } from "@/lib/notify/store";
import { channelIdParam } from "../../schema";

export const dynamic = "force-dynamic";

/** Sends a test message now and says how the service answered (not queued: the admin is waiting for the answer). */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const who = await requirePermission(req, "admin");
  const id = channelIdParam((await ctx.params).id);
  const row = await findChannel(id);
  if (!row) throw new ApiError("not_found", `no channel ${id}`);
  let channel;
  try {
    channel = openChannel(row);
  } catch {
    throw new ApiError("conflict", "this channel's settings cannot be decrypted (COCKPIT_SECRET changed?); set them again", "config");
  }
  const { verdict, httpStatus, error } = await deliver(id, channel, testNotice(id));
  await audit({ actor: who.keyId, action: "channel.test", target: id, detail: { httpStatus, ok: verdict.kind === "sent" } });
  return Response.json({ ok: verdict.kind === "sent", httpStatus, error });
});
