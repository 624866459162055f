import "server-only";
import { getDb } from "../db/client";
import { env } from "../env";
import { runEvery } from "../every";
import { logError } from "../http/log";
import { applySilences } from "../alerts/silences";
import { noteStorageFailure } from "../alerts/storage-trouble";
import { storageFailure } from "../db/storage-errors";
import { scheduleRepeats } from "./schedule";
import { sendDueNotifications } from "./sender";

/** The notifier beside the sweep: apply silences, queue due repeats and escalations, then send what the outbox holds. */
export function startNotifier(): void {
  const e = env();
  runEvery(
    e.NOTIFY_INTERVAL_MS,
    async () => {
      const db = await getDb();
      await applySilences(db);
      await scheduleRepeats(db);
      // Drain in batches while there is work, so a burst does not wait an interval per 20 rows.
      while ((await sendDueNotifications(db, { leaseMs: e.NOTIFY_LEASE_MS, retryBaseMs: e.NOTIFY_RETRY_BASE_MS })) > 0);
    },
    (error) => {
      // A write the database refused is its trouble (lib/alerts/storage-trouble.ts), not only a log line.
      const storage = storageFailure(error);
      if (storage) noteStorageFailure(storage);
      logError("notifier failed", error);
    },
  );
}
