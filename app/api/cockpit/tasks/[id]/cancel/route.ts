import { handle } from "@/lib/http/route";
import { cancelTask } from "@/lib/tasks/commands";
import { runTaskCommand } from "../run-task-command";

export const dynamic = "force-dynamic";

/** Pending: cancelled at once. Assigned or running: cancelled now, and the agent is told to stop it. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) =>
  runTaskCommand(req, (await ctx.params).id, "task.cancel", cancelTask),
);
