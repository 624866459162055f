import { beforeEach, describe, expect, it } from "vitest";
import { failingStreak } from "@/lib/alerts/outbox-trouble";
import { noteStorageFailure, reconcileStorageTrouble, storageTrouble, type StorageTrouble } from "@/lib/alerts/storage-trouble";

describe("a failing channel", () => {
  it("is failing when its last N attempts all failed; a success, or too few attempts, is not", () => {
    expect(failingStreak(["failed", "retry", "failed"], 3)).toBe(true);
    expect(failingStreak(["failed", "sent", "failed"], 3)).toBe(false);
    expect(failingStreak(["failed", "failed"], 3)).toBe(false);
    expect(failingStreak(["sent", "failed", "failed", "failed"], 3)).toBe(false);
  });

  it("does not count skipped or quiet-hour deferrals as attempts", () => {
    expect(failingStreak(["failed", "skipped", "deferred", "failed", "failed"], 3)).toBe(true);
    expect(failingStreak(["deferred", "deferred", "deferred"], 3)).toBe(false);
  });
});

/** A database that refuses writes while `full`, recording what the watch managed to write. */
function fakeDb() {
  const db = { full: true, raised: [] as StorageTrouble[], resolved: 0 };
  const io = {
    raise: async (t: StorageTrouble) => {
      if (db.full) throw Object.assign(new Error("disk full"), { code: "SQLITE_FULL" });
      db.raised.push({ ...t });
    },
    resolve: async () => {
      if (db.full) throw Object.assign(new Error("disk full"), { code: "SQLITE_FULL" });
      db.resolved++;
    },
  };
  return { db, io };
}

describe("database trouble", () => {
  beforeEach(async () => {
    // Start each case with no trouble: resolve whatever an earlier case left.
    const { db, io } = fakeDb();
    db.full = false;
    while ((await reconcileStorageTrouble(io, 0, Date.now())) !== "idle");
  });

  it("is kept in memory while nothing can be written, raised once writes work, and resolved after a quiet spell", async () => {
    const { db, io } = fakeDb();
    noteStorageFailure("the disk is full", 1_000);
    noteStorageFailure("the disk is full", 2_000);
    expect(storageTrouble()).toEqual({ problem: "the disk is full", since: 1_000, lastAt: 2_000, failures: 2 });
    expect(await reconcileStorageTrouble(io, 5_000, 3_000)).toBe("waiting");
    expect(db.raised).toEqual([]);

    db.full = false;
    expect(await reconcileStorageTrouble(io, 5_000, 4_000)).toBe("raised");
    expect(db.raised).toEqual([{ problem: "the disk is full", since: 1_000, lastAt: 2_000, failures: 2 }]);
    expect(await reconcileStorageTrouble(io, 5_000, 6_999)).toBe("waiting");
    expect(await reconcileStorageTrouble(io, 5_000, 7_000)).toBe("resolved");
    expect(db.resolved).toBe(1);
    expect(storageTrouble()).toBeNull();
    expect(await reconcileStorageTrouble(io, 5_000, 8_000)).toBe("idle");
  });

  it("counts failures noted after the raise into the same alert, and waits a full quiet spell after the last", async () => {
    const { db, io } = fakeDb();
    db.full = false;
    noteStorageFailure("the database stayed locked by another process", 1_000);
    expect(await reconcileStorageTrouble(io, 5_000, 1_500)).toBe("raised");
    noteStorageFailure("the database stayed locked by another process", 4_000);
    expect(await reconcileStorageTrouble(io, 5_000, 6_500)).toBe("raised");
    expect(db.raised.map((t) => t.failures)).toEqual([1, 2]);
    expect(await reconcileStorageTrouble(io, 5_000, 8_999)).toBe("waiting");
    expect(await reconcileStorageTrouble(io, 5_000, 9_000)).toBe("resolved");
  });

  it("keeps the trouble when the resolve itself cannot be written", async () => {
    const { db, io } = fakeDb();
    db.full = false;
    noteStorageFailure("the disk is full", 1_000);
    expect(await reconcileStorageTrouble(io, 0, 1_000)).toBe("raised");
    db.full = true;
    expect(await reconcileStorageTrouble(io, 0, 2_000)).toBe("waiting");
    expect(storageTrouble()?.failures).toBe(1);
    db.full = false;
    expect(await reconcileStorageTrouble(io, 0, 3_000)).toBe("resolved");
  });
});
