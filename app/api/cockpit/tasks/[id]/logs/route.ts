import { getDb } from "@/lib/db/client";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { idSchema } from "@/lib/protocol";
import { readLogPage } from "@/lib/task-logs/store";
import { getTask } from "@/lib/tasks/store";
import { TASK_LOG_BYTES } from "@/lib/task-logs/limits";
import { logsQuery } from "./schema";

export const dynamic = "force-dynamic";

/** A task's stored live output (task-log chunks), paged by seq; `format=text` downloads it whole. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid task id", "id");
  const q = parseQuery(req, logsQuery);
  const db = await getDb();
  const task = await getTask(db, { id });
  if (!task) throw new ApiError("not_found", `no task ${id}`);
  const attempt = q.attempt ?? Math.max(task.attempt, 1);
  if (q.format === "text") {
    const page = await readLogPage(db, { taskId: id, attempt, after: q.after, maxBytes: TASK_LOG_BYTES * 2 });
    // Nothing streamed (an agent without task-log, or an old task): the result's logs are the whole story there.
    const text = page.chunks.length > 0 ? page.chunks.map((c) => c.chunk).join("") : (task.logs ?? "");
    const head = page.truncated ? `[earlier output dropped: only the last ${TASK_LOG_BYTES / 1024} KiB are kept]\n` : "";
    return new Response(head + text, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="task-${id.replace(/[^A-Za-z0-9._-]/g, "_")}-attempt-${attempt}.log"`,
      },
    });
  }
  const page = await readLogPage(db, { taskId: id, attempt, after: q.after });
  return Response.json({ taskId: id, status: task.status, ...page });
});
