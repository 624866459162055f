import { env } from "@/lib/env";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { vapidKeys } from "@/lib/notify/push/vapid";

export const dynamic = "force-dynamic";

/** The VAPID public key a browser needs for pushManager.subscribe (applicationServerKey), base64url. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  return Response.json({ publicKey: vapidKeys(env().COCKPIT_SECRET).publicKey });
});
