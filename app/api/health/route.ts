import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Cheap readiness probe: the process is up and the database answers. */
export const GET = handle(async () => {
  const db = await getDb();
  await db.run(sql`SELECT 1`);
  return Response.json({ ok: true });
});
