import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { storageState } from "@/lib/db/readiness";
import { ApiError, errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** Readiness probe: 200 when the database is prepared and answers, 503 storage_unavailable otherwise. */
export async function GET(req: Request): Promise<Response> {
  try {
    const storage = storageState();
    if (!storage.ready) throw new ApiError("storage_unavailable", `the database is not ready (${storage.problem}); the server keeps retrying`);
    const db = await getDb();
    await db.run(sql`SELECT 1`);
    return Response.json({ ok: true });
  } catch (error) {
    const res = errorResponse(error, req);
    const body = (await res.json()) as object;
    return Response.json({ ok: false, ...body }, { status: res.status, headers: res.headers });
  }
}
