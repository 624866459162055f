import "server-only";
import { getDb } from "../db/client";
import { storageFailure } from "../db/storage-errors";
import { env } from "../env";
import { runEvery } from "../every";
import { logError } from "../http/log";
import { checkOutboxBacklog, reconcileDatabaseTrouble } from "./cockpit-trouble";
import { noteStorageFailure } from "./storage-trouble";

/** A failure of the watch itself: a storage failure is database trouble too; anything else goes to the log. */
function failed(what: string, error: unknown): void {
  const storage = storageFailure(error);
  if (storage) noteStorageFailure(storage);
  else logError(what, error);
}

/**
 * Watches Cockpit's own trouble on a timer of its own, apart from the sender: a send that hangs must not stop the
 * watch that reports the outbox is late. The database first, so its alert is not held up by the outbox check.
 */
export function startTroubleWatch(): void {
  const e = env();
  runEvery(
    Math.max(e.NOTIFY_INTERVAL_MS, 250),
    async () => {
      const db = await getDb();
      await reconcileDatabaseTrouble(db, e.DB_TROUBLE_CLEAR_MS).catch((error: unknown) => failed("database trouble watch failed", error));
      await checkOutboxBacklog(db, e.NOTIFY_BACKLOG_ALERT_MS).catch((error: unknown) => failed("outbox watch failed", error));
    },
    (error) => failed("trouble watch failed", error),
  );
}
