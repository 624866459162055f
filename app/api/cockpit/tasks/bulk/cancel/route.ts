import { handle } from "@/lib/http/route";
import { cancelTask } from "@/lib/scheduler/commands";
import { runBulkCommand } from "@/lib/scheduler/bulk-route";

export const dynamic = "force-dynamic";

/** Body: { ids?, status?, executor? } — cancels every matching task that has not ended. */
export const POST = handle(async (req: Request) => runBulkCommand(req, "task.bulk-cancel", cancelTask));
