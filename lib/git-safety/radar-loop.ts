import "server-only";
import { getDb } from "../db/client";
import { change } from "../db/serialize";
import { env } from "../env";
import { dispatchAndPublish } from "../hub-client/publish";
import { logError } from "../http/log";
import { runGitRadar } from "./radar";

/** Runs the git radars on GIT_RADAR_INTERVAL_MS and publishes the alerts they raise to dashboards. */
export function startGitRadar(): void {
  const e = env();
  let running = false;
  setInterval(() => {
    if (running) return;
    running = true;
    void getDb()
      .then((db) => runGitRadar(db, { unpushedAfterMs: e.UNPUSHED_ALERT_AFTER_MS, dirtyAfterMs: e.DIRTY_ALERT_AFTER_MS }))
      .then((alerts) => (alerts.length > 0 ? dispatchAndPublish(alerts.map(change.alert)) : undefined))
      .catch((error: unknown) => logError("git radar failed", error))
      .finally(() => (running = false));
  }, e.GIT_RADAR_INTERVAL_MS).unref();
}
