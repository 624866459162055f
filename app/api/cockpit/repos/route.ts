import { z } from "zod";
import { listRepos } from "@/lib/db/queries/repos";
import { repoJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { handle } from "@/lib/http/route";
import { parseQuery } from "@/lib/http/input";
import { decodeCursor, encodeCursor, pagingQuery } from "@/lib/http/paging";
import { REPO_STATUSES, idSchema } from "@/lib/protocol";

export const dynamic = "force-dynamic";

const query = z.object({
  status: z.enum(REPO_STATUSES).optional(),
  agentId: idSchema.optional(),
  /** Text in the name, path or remote identity. */
  search: z.string().min(1).max(200).optional(),
  /** One repository across machines: its remote identity (github.com/owner/repo). */
  identity: z.string().min(1).max(300).optional(),
  ...pagingQuery,
});

export const GET = handle(async (req: Request) => {
  await requirePermission(req, "read");
  const q = parseQuery(req, query);
  const { rows, total } = await listRepos({ ...q, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ createdAt: last.lastChecked, id: last.key }) : null;
  return Response.json({ repos: page.map(repoJson), total, limit: q.limit, nextCursor });
});
