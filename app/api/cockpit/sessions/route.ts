import { getDb } from "@/lib/db/client";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { sessionJson } from "@/lib/sessions/json";
import { listSessions } from "@/lib/sessions/store";

export const dynamic = "force-dynamic";

/** Every coding session on every machine, "needs you" (state waiting) first, longest wait first. */
export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const sessions = await listSessions(await getDb());
  return Response.json({ sessions: sessions.map(sessionJson) });
});
