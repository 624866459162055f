import "server-only";
import { audit } from "../db/queries/audit";
import { getDb, type Db } from "../db/client";
import { change, taskJson } from "../db/serialize";
import { requirePermission } from "../http/auth";
import { ApiError } from "../http/errors";
import { dispatchAndPublish } from "../hub/publish";
import { idSchema } from "../protocol/common";
import type { CommandResult } from "./commands";

type Command = (db: Db, id: string, by: string) => Promise<CommandResult>;

/** The shell of the single-task command routes (cancel, retry): auth, id check, run, publish, answer. */
export async function runTaskCommand(req: Request, rawId: string, action: string, command: Command): Promise<Response> {
  const who = await requirePermission(req, "write");
  if (!idSchema.safeParse(rawId).success) throw new ApiError("bad_request", "invalid task id", "id");
  const db = await getDb();
  const outcome = await db.transaction((tx) => command(tx, rawId, who.name));
  if (outcome.error === "not_found") throw new ApiError("not_found", `no task ${rawId}`);
  if (outcome.error || !outcome.row) throw new ApiError("conflict", outcome.error ?? "task changed state meanwhile");
  await audit({ actor: who.keyId, action, target: rawId });
  await dispatchAndPublish([change.task(outcome.row)], outcome.notices);
  return Response.json({ task: taskJson(outcome.row) });
}
