import "server-only";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { audit } from "../db/queries/audit";
import { getDb, type Db } from "../db/client";
import { tasks } from "../db/schema";
import { change, type ChangeFrame } from "../db/serialize";
import type { Notice } from "../bridge/messages";
import { requirePermission } from "../http/auth";
import { parseBody } from "../http/input";
import { dispatchAndPublish } from "../hub/publish";
import { z } from "zod";
import { TASK_STATUSES, idSchema } from "../protocol/common";
import { selectForBulk, type CommandResult } from "./commands";

const BULK_LIMIT = 1000;
export const bulkBody = z
  .object({
    ids: z.array(idSchema).min(1).max(1000).optional(),
    status: z.enum(TASK_STATUSES).optional(),
    executor: z.string().min(1).max(128).optional(),
  })
  .refine((b) => b.ids || b.status || b.executor, { message: "give ids, status or executor", path: ["ids"] });

type Command = (db: Db, id: string, by: string) => Promise<CommandResult>;

/** Applies a command to every task matching ids/status/executor (at most 1000); reports what changed and what not. */
export async function runBulkCommand(req: Request, action: string, command: Command): Promise<Response> {
  const who = await requirePermission(req, "write");
  const body = await parseBody(req, bulkBody);
  const db = await getDb();
  const parts: SQL[] = [];
  if (body.ids) parts.push(inArray(tasks.id, body.ids));
  if (body.status) parts.push(eq(tasks.status, body.status));
  if (body.executor) parts.push(eq(tasks.executor, body.executor));
  const ids = await selectForBulk(db, and(...parts), BULK_LIMIT);
  const changes: ChangeFrame[] = [];
  const notices: Notice[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of ids) {
    const outcome = await db.transaction((tx) => command(tx, id, who.name));
    if (outcome.row && !outcome.error) changes.push(change.task(outcome.row));
    else skipped.push({ id, reason: outcome.error ?? "changed meanwhile" });
    notices.push(...outcome.notices);
  }
  await audit({ actor: who.keyId, action, detail: { matched: ids.length, changed: changes.length } });
  await dispatchAndPublish(changes, notices);
  return Response.json({ matched: ids.length, changed: changes.map((c) => c.data.id), skipped });
}
