import { handle } from "@/lib/http/route";
import { cancelTask } from "@/lib/tasks/commands";
import { runBulkCommand } from "../run-bulk-command";

export const dynamic = "force-dynamic";

/** Body: { ids?, status?, executor? } — cancels every matching task that has not ended. */
export const POST = handle(async (req: Request) => runBulkCommand(req, "task.bulk-cancel", cancelTask));
