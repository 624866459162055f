import { randomUUID } from "node:crypto";
import { after } from "next/server";
import { getDb } from "@/lib/db/client";
import { change } from "@/lib/db/serialize";
import { requirePermission } from "@/lib/http/auth";
import { ApiError } from "@/lib/http/errors";
import { parseBody } from "@/lib/http/input";
import { handle } from "@/lib/http/route";
import { publishBehind } from "@/lib/hub-client/publish";
import { insertTasksBulk, type BulkItem, type BulkItemError } from "@/lib/tasks/store-bulk";
import { BULK_CREATE_BODY_BYTES, bulkCreateBody, bulkTaskItem } from "./create-schema";

export const dynamic = "force-dynamic";

/** Each item checked on its own: every problem of every item, by index, and the items that passed. */
function validateItems(raw: readonly unknown[]): { items: BulkItem[]; errors: BulkItemError[] } {
  const items: BulkItem[] = [];
  const errors: BulkItemError[] = [];
  const seen = new Set<string>();
  raw.forEach((candidate, index) => {
    if (typeof candidate === "object" && candidate !== null && "fanOut" in candidate) {
      errors.push({ index, field: "fanOut", message: "fanOut: not supported in bulk; create fan-out tasks with POST /api/cockpit/tasks" });
      return;
    }
    const parsed = bulkTaskItem.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".");
        errors.push({ index, field, message: field ? `${field}: ${issue.message}` : issue.message });
      }
      return;
    }
    const id = parsed.data.id ?? `task_${randomUUID()}`;
    if (seen.has(id)) {
      errors.push({ index, field: "id", message: `id: ${id} appears earlier in this request` });
      return;
    }
    seen.add(id);
    items.push({ index, task: { ...parsed.data, id, createdBy: "" } });
  });
  return { items, errors };
}

/**
 * Creates up to 1,000 tasks in one transaction, answers, and offers them to agents in one dispatch round. Valid items are
 * created even when others are refused (each refusal names its index and field); an id already stored is reported
 * as existing, so re-posting a batch with client ids creates nothing twice. 201 when something was created.
 */
export const POST = handle(
  async (req: Request) => {
    const who = await requirePermission(req, "write");
    const body = await parseBody(req, bulkCreateBody, BULK_CREATE_BODY_BYTES);
    const { items, errors } = validateItems(body.tasks);
    if (items.length === 0) throw new ApiError("bad_request", `no valid task in the request (${errors.length} errors)`, "tasks", errors);
    const outcome = await insertTasksBulk(
      await getDb(),
      items.map((i) => ({ ...i, task: { ...i.task, createdBy: who.name } })),
      who,
    );
    if (outcome.created.length > 0) {
      // Dispatch and the dashboards' changes follow the answer (the rows are committed); Next keeps the round alive.
      const round = publishBehind(outcome.created.map((c) => change.task(c.row)));
      if (round.mustWait) await round.settled;
      else after(round.settled);
    }
    const allErrors = [...errors, ...outcome.errors].sort((a, b) => a.index - b.index);
    return Response.json(
      {
        created: outcome.created.map((c) => ({ index: c.index, id: c.row.id })),
        existing: outcome.existing,
        errors: allErrors,
      },
      { status: outcome.created.length > 0 ? 201 : 200 },
    );
  },
  { maxBodyBytes: BULK_CREATE_BODY_BYTES },
);
