import { probeWrite } from "@/lib/db/queries/health";
import { storageState } from "@/lib/db/readiness";
import { noteStorageFailure } from "@/lib/alerts/storage-trouble";
import { storageFailure } from "@/lib/db/storage-errors";
import { storageTrouble } from "@/lib/alerts/storage-trouble";
import { iso } from "@/lib/http/time";
import { STORAGE_RETRY_AFTER_SECONDS } from "@/lib/http/errors";
import { logError } from "@/lib/http/log";
import { hubStatus } from "./hub-status";

export const dynamic = "force-dynamic";

type StorageStatus = { writable: true } | { writable: false; problem: string };

/** The last answer, so a failing disk is logged when it starts failing, not on every probe. */
let lastWritable = true;

/** A tiny write: SELECT 1 answers even when the disk is full or read-only, a commit does not. */
async function storageStatus(): Promise<StorageStatus> {
  const state = storageState();
  if (!state.ready) return { writable: false, problem: `the database is not ready (${state.problem}); the server keeps retrying` };
  try {
    await probeWrite();
    lastWritable = true;
    return { writable: true };
  } catch (error) {
    if (lastWritable) logError("health: the database does not accept writes", error);
    lastWritable = false;
    const problem = storageFailure(error) ?? "the database does not accept writes";
    noteStorageFailure(problem);
    return { writable: false, problem };
  }
}

/**
 * Readiness: 200 when the database accepts writes, 503 storage_unavailable when it does not. The hub's
 * reachability and outbox depth are reported beside it, and never fail the web's own health.
 */
export async function GET(): Promise<Response> {
  const [storage, hub] = await Promise.all([storageStatus(), hubStatus()]);
  const headers = { "cache-control": "no-store" };
  // Failed writes noted in memory until they are an alert (lib/alerts/storage-trouble.ts): visible here even while the database refuses writes.
  const trouble = storageTrouble();
  const databaseTrouble = trouble && { problem: trouble.problem, failures: trouble.failures, since: iso(trouble.since)!, lastAt: iso(trouble.lastAt)! };
  if (storage.writable) return Response.json({ ok: true, storage, hub, databaseTrouble }, { headers });
  const error = { code: "storage_unavailable", message: storage.problem };
  return Response.json({ ok: false, error, storage, hub, databaseTrouble }, { status: 503, headers: { ...headers, "retry-after": String(STORAGE_RETRY_AFTER_SECONDS) } });
}
