import "server-only";
import { audit } from "@/lib/db/queries/audit";
import { getDb } from "@/lib/db/client";
import { change, type ChangeFrame } from "@/lib/db/serialize";
import type { Notice } from "@/lib/bridge/messages";
import { requirePermission } from "@/lib/http/auth";
import { parseBody } from "@/lib/http/input";
import { dispatchAndPublish } from "@/lib/hub-client/publish";
import type { TaskCommand } from "@/lib/tasks/commands";
import { selectForBulk } from "@/lib/tasks/store";
import { BULK_LIMIT, bulkBody } from "./schema";

/** Applies a command to every task matching ids/status/executor (at most 1000); reports what changed and what not. */
export async function runBulkCommand(req: Request, action: string, command: TaskCommand): Promise<Response> {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, bulkBody);
  const db = await getDb();
  const ids = await selectForBulk(db, { ...body, limit: BULK_LIMIT });
  const changes: ChangeFrame[] = [];
  const notices: Notice[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of ids) {
    const outcome = await db.transaction((tx) => command(tx, { id, by: who.name }));
    if (outcome.row && !outcome.error) changes.push(change.task(outcome.row));
    else skipped.push({ id, reason: outcome.error ?? "changed meanwhile" });
    notices.push(...outcome.notices);
  }
  await audit({ actor: who.keyId, action, detail: { matched: ids.length, changed: changes.length } });
  await dispatchAndPublish(changes, notices);
  return Response.json({ matched: ids.length, changed: changes.map((c) => c.data.id), skipped });
}
