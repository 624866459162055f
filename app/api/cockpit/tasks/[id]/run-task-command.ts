import "server-only";
import { audit } from "@/lib/db/queries/audit";
import { getDb } from "@/lib/db/client";
import { change, taskJson } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { dispatchAndPublish } from "@/lib/hub-client/publish";
import { idSchema } from "@/lib/protocol/common";
import type { TaskCommand } from "@/lib/tasks/commands";

/** The shell of the single-task command routes (cancel, retry): auth, id check, run, publish, answer. */
export async function runTaskCommand(req: Request, rawId: string, action: string, command: TaskCommand): Promise<Response> {
  const who = await requirePermission(req, "write");
  if (!idSchema.safeParse(rawId).success) throw new ApiError("bad_request", "invalid task id", "id");
  const db = await getDb();
  const outcome = await db.transaction((tx) => command(tx, { id: rawId, by: who.name }));
  if (outcome.error === "not_found") throw new ApiError("not_found", `no task ${rawId}`);
  if (outcome.error || !outcome.row) throw new ApiError("conflict", outcome.error ?? "task changed state meanwhile");
  await audit({ actor: who.keyId, action, target: rawId });
  await dispatchAndPublish([change.task(outcome.row)], outcome.notices);
  return Response.json({ task: taskJson(outcome.row) });
}
