import "server-only";
import { runMigrations } from "./db/migrate";
import { countActiveKeys, createApiKey } from "./db/queries/keys";
import { env, envKeys } from "./env";
import { pruneHubEvents } from "./hub/ingest";
import { sendToHub } from "./hub/client";
import { ingestBatch } from "./hub/ingest";
import { dispatchAndPublish } from "./hub/publish";

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
  await syncPresence();
  setInterval(() => void syncPresence().catch((e: unknown) => console.warn("presence sync failed:", e)), env().PRESENCE_SYNC_MS).unref();
}

async function syncPresence(): Promise<void> {
  const reply = await sendToHub({ wantPresence: true });
  if (!reply?.presence) return;
  const { changes } = await ingestBatch({ events: [], presence: reply.presence }, { dispatch: false });
  await dispatchAndPublish(changes);
}
