import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer, type CheckpointResult } from "@/lib/db/checkpointer";

/** WAL checkpoints run on a worker thread (lib/db/checkpointer.ts), and the main connection's come back if it stops. */

const opened: { stop: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.stop()));
});

function openFile() {
  const path = join(mkdtempSync(join(tmpdir(), "checkpointer-")), "db.sqlite");
  const main = new Database(path, { timeout: 5_000 });
  main.exec("PRAGMA journal_mode = WAL");
  main.exec("PRAGMA synchronous = NORMAL");
  main.exec("CREATE TABLE t (x BLOB)");
  return { path, main };
}

const automaticFrames = (main: InstanceType<typeof Database>) => (main.prepare("PRAGMA wal_autocheckpoint").raw(true).get([]) as number[])[0];

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("WAL checkpointer", () => {
  it("copies the log into the file from its own thread, with the main connection's automatic checkpoints off", async () => {
    const { path, main } = openFile();
    const passes: CheckpointResult[] = [];
    opened.push(startCheckpointer(path, main, { intervalMs: 20, onCheckpoint: (r) => passes.push(r) }));
    await until(() => automaticFrames(main) === 0, "automatic checkpoints off");
    // 2,000 frames' worth of commits: past SQLite's own threshold, which would have checkpointed on this thread.
    const insert = main.prepare("INSERT INTO t VALUES (randomblob(4000))");
    for (let i = 0; i < 2_000; i++) insert.run([]);
    await until(() => passes.some((p) => p.logFrames >= 2_000 && p.checkpointed === p.logFrames), "a pass that checkpointed the whole log");
    // A commit after a complete pass starts the log over instead of growing it (passes sent during the loop may still be
    // arriving, and a commit before the last complete pass appends): commit, let a pass run, until the log is short.
    let started = false;
    for (let round = 0; round < 50 && !started; round++) {
      const before = passes.length;
      insert.run([]);
      await until(() => passes.length > before, "a pass");
      started = passes.at(-1)!.logFrames < 100;
    }
    expect(started).toBe(true);
    // The log starts over only once all of it is in the file: the database file itself holds the rows (~8 MB of blobs).
    expect(statSync(path).size).toBeGreaterThan(2_000 * 3_500);
    main.close();
  });

  it("gives the checkpoints back to the main connection when the worker stops", async () => {
    const { path, main } = openFile();
    const checkpointer = startCheckpointer(path, main, { intervalMs: 20 });
    await until(() => automaticFrames(main) === 0, "automatic checkpoints off");
    await checkpointer.stop();
    await until(() => automaticFrames(main) === 1000, "automatic checkpoints back on");
    main.close();
  });
});
