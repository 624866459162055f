import "server-only";
import { resolve } from "node:path";
import { runMigrations } from "./db/migrate";
import { countActiveKeys, createApiKey } from "./db/queries/keys";
import { markStorageReady, markStorageUnavailable } from "./db/readiness";
import { storageFailure } from "./db/storage-errors";
import { env, envKeys } from "./env";
import { pruneHubEvents } from "./hub-client/ingest";
import { sendToHub } from "./hub-client/client";
import { ingestBatch } from "./hub-client/ingest";
import { dispatchAndPublish } from "./hub-client/publish";
import { hubSettledBefore, noteHubSettled } from "./hub-client/settled";
import { getDb } from "./db/client";
import { change } from "./db/serialize";
import { logError } from "./http/log";
import { sweep } from "./tasks/sweep";
import { pruneMetrics } from "./fleet/metrics-store";
import { startNotifier } from "./notify/loop";
import { startTroubleWatch } from "./alerts/trouble-watch";
import { alertsForTasks } from "./alerts/cockpit-alerts";
import { startGitRadar } from "./git-safety/radar-loop";
import { runEvery } from "./every";

/** Waits between attempts to prepare the database: doubling from the first, up to the last. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * Prepares the database, then starts the background work. Bad configuration fails the start (env() throws); a
 * database that cannot be prepared (unwritable, full, unreachable) does not: the web answers 503
 * storage_unavailable and keeps retrying, so it recovers by itself once the operator fixes the disk.
 */
export async function bootstrap(): Promise<void> {
  env();
  if (await prepareStorageOnce()) await startBackgroundWork();
  else void retryUntilPrepared();
}

/** Where the database is, for an operator reading the log (never the auth token). */
function databaseLocation(): string {
  const url = env().DATABASE_URL;
  if (url.startsWith("file:")) return resolve(url.slice("file:".length));
  try {
    return new URL(url).host;
  } catch {
    return "DATABASE_URL";
  }
}

/** The last failure logged, so a retry that fails the same way stays quiet. */
let lastLoggedProblem: string | null = null;

/** Migrations and a first admin key when none exists; true when the database is ready for requests. */
async function prepareStorageOnce(): Promise<boolean> {
  try {
    await runMigrations();
    if (envKeys().length === 0 && (await countActiveKeys()) === 0) {
      const { key } = await createApiKey({ name: "first admin", role: "admin" });
      console.log(
        `\n  First run: an admin API key was created. It is shown only this once:\n\n    ${key}\n\n  Sign in to the dashboard with it, or send it as Authorization: Bearer ${key.slice(0, 6)}…\n`,
      );
    }
    await pruneHubEvents();
    markStorageReady();
    return true;
  } catch (error) {
    const problem = storageFailure(error) ?? "the database could not be prepared";
    markStorageUnavailable(problem);
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastLoggedProblem) {
      lastLoggedProblem = message;
      logError(`cannot prepare the database at ${databaseLocation()} (${problem}); answering 503 storage_unavailable and retrying until it works`, error);
    }
    return false;
  }
}

async function retryUntilPrepared(): Promise<void> {
  for (let delay = RETRY_FIRST_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
    await new Promise((r) => setTimeout(r, delay).unref());
    if (await prepareStorageOnce()) {
      console.log(`the database at ${databaseLocation()} is ready; serving requests`);
      await startBackgroundWork();
      return;
    }
  }
}

/** Hourly pruning, the sweep, and presence sync with the hub. */
async function startBackgroundWork(): Promise<void> {
  setInterval(() => void pruneHubEvents().catch((e: unknown) => logError("pruning hub events failed", e)), 3600_000).unref();
  // Health samples: raw for a day, hourly rollups for 30 days.
  setInterval(
    () =>
      void getDb()
        .then((db) => pruneMetrics(db))
        .catch((e: unknown) => logError("pruning agent metrics failed", e)),
    3600_000,
  ).unref();
  // The web may have missed disconnects while it was down, and a restarted hub stays silent until someone
  // touches its room: ask the hub who is here now, and again on an interval.
  // At start the hub may not be up yet (npm start launches both): the first sync stays quiet if it is not.
  await syncPresence({ quiet: true }).catch((e: unknown) => logError("presence sync failed", e));
  runEvery(env().SWEEP_INTERVAL_MS, sweepAndDispatch, (e: unknown) => logError("sweep failed", e));
  setInterval(() => void syncPresence().catch((e: unknown) => logError("presence sync failed", e)), env().PRESENCE_SYNC_MS).unref();
  startNotifier();
  startTroubleWatch();
  startGitRadar();
}

/** Timeouts, lost agents, retries coming due and coordination, then whatever can be assigned now. */
async function sweepAndDispatch(): Promise<void> {
  const e = env();
  const { changed, notices } = await sweep(await getDb(), {
    acceptTimeoutMs: e.ACCEPT_TIMEOUT_MS,
    lostAgentGraceMs: e.LOST_AGENT_GRACE_MS,
    silentAgentGraceMs: e.SILENT_AGENT_GRACE_MS,
    crashedAgentGraceMs: e.CRASHED_AGENT_GRACE_MS ?? e.LOST_AGENT_GRACE_MS,
    hubSettledBefore: hubSettledBefore(),
  });
  const db = await getDb();
  const failedAlerts = changed.some((t) => t.status === "timed_out" || t.status === "failed") ? await db.transaction((tx) => alertsForTasks(tx, changed)) : [];
  await dispatchAndPublish([...changed.map(change.task), ...failedAlerts.map(change.alert)], notices);
}

async function syncPresence(options: { quiet?: boolean } = {}): Promise<void> {
  const reply = await sendToHub({ wantPresence: true }, options);
  noteHubSettled(reply?.settledBefore);
  if (!reply?.presence) return;
  const { changes } = await ingestBatch({ events: [], presence: reply.presence }, { dispatch: false });
  await dispatchAndPublish(changes);
}
