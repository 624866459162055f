import { handle } from "@/lib/http/route";
import { retryTask } from "@/lib/tasks/commands";
import { runBulkCommand } from "../run-bulk-command";

export const dynamic = "force-dynamic";

/** Body: { ids?, status?, executor? } — retries every matching task that has ended. */
export const POST = handle(async (req: Request) => runBulkCommand(req, "task.bulk-retry", retryTask));
