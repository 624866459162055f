import { listRepos } from "@/lib/db/queries/repos";
import { repoJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseQuery } from "@/lib/http/input";
import { decodeCursor, encodeCursor } from "@/lib/http/paging";
import { listReposQuery } from "./schema";

export const dynamic = "force-dynamic";

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, listReposQuery);
  const { rows, total } = await listRepos({ ...q, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ createdAt: last.lastChecked, id: last.key }) : null;
  return Response.json({ repos: page.map(repoJson), total, limit: q.limit, nextCursor });
});
