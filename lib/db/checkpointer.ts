import "server-only";
import { Worker } from "node:worker_threads";
import type Database from "libsql";
import { FILE_BUSY_TIMEOUT_MS } from "./target";

type Connection = InstanceType<typeof Database>;

/** What one checkpoint pass reports: SQLite's `wal_checkpoint` row. */
export type CheckpointResult = { busy: number; logFrames: number; checkpointed: number };

export type CheckpointerOptions = {
  /** How often the worker copies the log into the database file. */
  intervalMs?: number;
  /** Past this many frames in the log (4 KB each), a pass waits for writers and truncates the log. */
  truncateAfterFrames?: number;
  busyTimeoutMs?: number;
  /** Each pass's result (tests, diagnostics). */
  onCheckpoint?: (result: CheckpointResult) => void;
};

/** SQLite's own default: the connection that commits checkpoints once the log passes this many frames. */
const AUTOCHECKPOINT_FRAMES = 1000;

/**
 * The worker's whole program: its own connection to the file and a PASSIVE checkpoint each interval, which never
 * waits for the web's writes; only a log grown past the cap (checkpoints falling behind) is truncated, waiting for them.
 */
const PROGRAM = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("libsql");
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
const passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").raw(true);
const truncate = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").raw(true);
parentPort.postMessage({ ready: true });
setInterval(() => {
  let [busy, logFrames, checkpointed] = passive.get([]);
  if (logFrames > workerData.truncateAfterFrames) [busy, logFrames, checkpointed] = truncate.get([]);
  if (workerData.report) parentPort.postMessage({ busy, logFrames, checkpointed });
}, workerData.intervalMs);
`;

/**
 * Moves WAL checkpoints off the web's thread. With SQLite's automatic checkpoints the commit that crosses 1,000 log
 * frames copies them into the database file and syncs it: a stall of ~6 ms every 50–100 task commits on these disks,
 * ~45–90 µs per commit on average (bench/out probe, docs/benchmarks.md). A worker thread with its own connection does
 * it instead; the main connection's automatic checkpoints are switched off only once the worker runs, and back on if
 * it ever stops, so the log never grows unchecked.
 */
export function startCheckpointer(path: string, main: Connection, options: CheckpointerOptions = {}): { stop: () => Promise<void> } {
  const worker = new Worker(PROGRAM, {
    eval: true,
    workerData: {
      path,
      intervalMs: options.intervalMs ?? 1_000,
      truncateAfterFrames: options.truncateAfterFrames ?? 50_000,
      busyTimeoutMs: options.busyTimeoutMs ?? FILE_BUSY_TIMEOUT_MS,
      report: options.onCheckpoint !== undefined,
    },
  });
  worker.unref(); // never what keeps the process alive
  let stopping = false;
  const automatic = (frames: number) => {
    try {
      if (main.open) main.exec(`PRAGMA wal_autocheckpoint = ${frames}`);
    } catch (error) {
      console.error("could not set the database's automatic checkpoints:", error);
    }
  };
  worker.on("message", (message: { ready?: true } & Partial<CheckpointResult>) => {
    if (message.ready) automatic(0);
    else options.onCheckpoint?.(message as CheckpointResult);
  });
  worker.on("error", (error) => console.error("the database checkpointer failed; commits checkpoint the log again:", error));
  worker.on("exit", () => {
    automatic(AUTOCHECKPOINT_FRAMES);
    if (!stopping) console.warn("the database checkpointer stopped; commits checkpoint the log again");
  });
  return {
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
