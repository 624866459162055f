import { agentJson, repoJson, taskJson } from "@/lib/db/serialize";
import { agentRepos, availability, getAgentRow, recentTasks, taskStats } from "@/lib/fleet/agent-detail";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { parseQuery } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { iso } from "@/lib/http/time";
import { idSchema } from "@/lib/protocol";
import { agentDetailQuery } from "../schema";

export const dynamic = "force-dynamic";

/** One agent: its row with presence, the availability bar of the window, its task stats, latest tasks and repos. */
export const GET = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requirePermission(req, "read");
  const { id } = await ctx.params;
  if (!idSchema.safeParse(id).success) throw new ApiError("bad_request", "invalid agent id", "id");
  const q = parseQuery(req, agentDetailQuery);
  const row = await getAgentRow(id);
  if (!row) throw new ApiError("not_found", `no agent ${id}`);
  const now = Date.now();
  const [slots, lastDay, tasks, repos] = await Promise.all([
    availability(id, q.window, now),
    taskStats(id, now - 24 * 3600_000),
    recentTasks(id),
    agentRepos(id),
  ]);
  return Response.json({
    agent: agentJson(row),
    availability: { window: q.window, slots: slots.map((s) => ({ from: iso(s.from), state: s.state })) },
    tasks: { lastDay, recent: tasks.map((t) => taskJson(t, { withLogs: false })) },
    repos: repos.map(repoJson),
  });
});
