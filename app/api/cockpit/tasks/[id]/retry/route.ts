import { handle } from "@/lib/http/route";
import { retryTask } from "@/lib/tasks/commands";
import { runTaskCommand } from "../run-task-command";

export const dynamic = "force-dynamic";

/** Runs an ended task once more. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) =>
  runTaskCommand(req, (await ctx.params).id, "task.retry", retryTask),
);
