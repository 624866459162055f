import "server-only";
import { getDb } from "../db/client";
import { change } from "../db/serialize";
import { env } from "../env";
import { runEvery } from "../every";
import { dispatchAndPublish } from "../hub-client/publish";
import { logError } from "../http/log";
import { runGitRadar } from "./radar";

/** Runs the git radars on GIT_RADAR_INTERVAL_MS, publishes the alerts they change and dispatches their merge checks. */
export function startGitRadar(): void {
  const e = env();
  runEvery(
    e.GIT_RADAR_INTERVAL_MS,
    () =>
      getDb()
        .then((db) => runGitRadar(db, { unpushedAfterMs: e.UNPUSHED_ALERT_AFTER_MS, dirtyAfterMs: e.DIRTY_ALERT_AFTER_MS }))
        // The merge-check tasks it queued are dispatched in the same round as the alerts it changed.
        .then(({ alerts, tasks }) =>
          alerts.length + tasks.length > 0 ? dispatchAndPublish([...alerts.map(change.alert), ...tasks.map(change.task)]) : undefined,
        ),
    (error) => logError("git radar failed", error),
  );
}
