import "server-only";
import { runMigrations } from "./db/migrate";
import { countActiveKeys, createApiKey } from "./db/queries/keys";
import { env, envKeys } from "./env";
import { pruneHubEvents } from "./hub/ingest";
import { sendToHub } from "./hub/client";
import { ingestBatch } from "./hub/ingest";
import { dispatchAndPublish } from "./hub/publish";
import { getDb } from "./db/client";
import { change } from "./db/serialize";
import { sweep } from "./scheduler/sweep";

/** Migrations, a first admin key when none exists, and a presence resync with the hub. */
export async function bootstrap(): Promise<void> {
  env();
  await runMigrations();
  if (envKeys().length === 0 && (await countActiveKeys()) === 0) {
    const { key } = await createApiKey({ name: "first admin", role: "admin" });
    console.log(`\n  First run: an admin API key was created. It is shown only this once:\n\n    ${key}\n\n  Sign in to the dashboard with it, or send it as Authorization: Bearer ${key.slice(0, 6)}…\n`);
  }
  await pruneHubEvents();
  setInterval(() => void pruneHubEvents().catch(() => undefined), 3600_000).unref();
  // The web may have missed disconnects while it was down, and a restarted hub stays silent until someone
  // touches its room: ask the hub who is here now, and again on an interval.
  // At start the hub may not be up yet (npm start launches both): the first sync stays quiet if it is not.
  await syncPresence({ quiet: true });
  let sweeping = false;
  setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepAndDispatch()
      .catch((e: unknown) => console.warn("sweep failed:", e))
      .finally(() => (sweeping = false));
  }, env().SWEEP_INTERVAL_MS).unref();
  setInterval(() => void syncPresence().catch((e: unknown) => console.warn("presence sync failed:", e)), env().PRESENCE_SYNC_MS).unref();
}

/** Timeouts, lost agents, retries coming due and coordination, then whatever can be assigned now. */
async function sweepAndDispatch(): Promise<void> {
  const e = env();
  const { changed, notices } = await sweep(await getDb(), { acceptTimeoutMs: e.ACCEPT_TIMEOUT_MS, lostAgentGraceMs: e.LOST_AGENT_GRACE_MS });
  await dispatchAndPublish(changed.map(change.task), notices);
}

async function syncPresence(options: { quiet?: boolean } = {}): Promise<void> {
  const reply = await sendToHub({ wantPresence: true }, options);
  if (!reply?.presence) return;
  const { changes } = await ingestBatch({ events: [], presence: reply.presence }, { dispatch: false });
  await dispatchAndPublish(changes);
}
