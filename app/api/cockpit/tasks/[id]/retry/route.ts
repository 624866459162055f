import { handle } from "@/lib/http/route";
import { retryTask } from "@/lib/scheduler/commands";
import { runTaskCommand } from "@/lib/scheduler/command-route";

export const dynamic = "force-dynamic";

/** Runs an ended task once more. */
export const POST = handle(async (req: Request, ctx: { params: Promise<{ id: string }> }) =>
  runTaskCommand(req, (await ctx.params).id, "task.retry", retryTask),
);
