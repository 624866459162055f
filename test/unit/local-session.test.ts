import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { DrizzleQueryError, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db, RootDb } from "@/lib/db/client";
import { localDatabase, migrateLocalDatabase, toSqlValue } from "@/lib/db/local-session";
import { auditLog } from "@/lib/db/schema";
import { cachePreparedStatements } from "@/lib/db/statement-cache";

/** The web's own driver for a local database (lib/db/local-session.ts): one connection, awaiting transactions. */

let db: RootDb;
let connection: InstanceType<typeof Database>;

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

const actors = async () => (await db.select({ actor: auditLog.actor }).from(auditLog).orderBy(auditLog.id)).map((r) => r.actor);
const write = (on: Db, actor: string) => on.insert(auditLog).values({ actor, action: "test", target: "t", detail: {}, createdAt: Date.now() });

beforeEach(async () => {
  cachePreparedStatements(); // as the web runs it: statements are shared between uses
  connection = new Database(join(mkdtempSync(join(tmpdir(), "local-session-")), "db.sqlite"), { timeout: 5_000 });
  connection.exec("PRAGMA journal_mode = WAL");
  db = localDatabase<RootDb>(connection);
  await migrateLocalDatabase(db, join(process.cwd(), "drizzle"));
});

describe("local session", () => {
  it("makes a statement and a transaction from elsewhere wait for the open transaction, which rolls back alone", async () => {
    const held = deferred();
    const order: string[] = [];
    const first = db.transaction(async (tx) => {
      await write(tx, "first");
      await held.promise; // a real wait (another request's turn of the event loop could come here)
      order.push("first ends");
      throw new Error("first gives up");
    });
    const lone = write(db, "lone").then(() => order.push("lone written"));
    const second = db.transaction(async (tx) => {
      order.push("second begins");
      await write(tx, "second");
    });
    // Let every queued callback run: nothing may reach the connection while `first` holds it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    expect(connection.inTransaction).toBe(true);
    held.release();
    await expect(first).rejects.toThrow("first gives up");
    await Promise.all([lone, second]);
    expect(order[0]).toBe("first ends");
    // The lone statement woke first: its row precedes the second transaction's.
    expect(await actors()).toEqual(["lone", "second"]);
    expect(connection.inTransaction).toBe(false);
  });

  it("binds booleans, dates and refuses undefined or NaN with an error, not a crash", async () => {
    const [row] = await db.all<{ yes: number; nay: number; at: number }>(sql`SELECT ${true} AS yes, ${false} AS nay, ${new Date(5)} AS at`);
    expect(row).toEqual({ yes: 1, nay: 0, at: 5 });
    expect(() => toSqlValue(undefined)).toThrow(/undefined/); // drizzle leaves an undefined out of the SQL itself
    // A failure names its query, as drizzle's async drivers do; the driver's error is its cause.
    const refused = await db.all(sql`SELECT ${Number.NaN} AS x`).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(refused).toBeInstanceOf(DrizzleQueryError);
    expect(refused?.message).toMatch(/^Failed query: SELECT \? AS x/);
    expect(String(refused?.cause)).toMatch(/finite/);
    // So does one that fails as libsql compiles it, with the values it was given.
    const missing = await db.all(sql`SELECT * FROM no_such_table WHERE x = ${"given"}`).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(missing?.message).toMatch(/^Failed query: SELECT \* FROM no_such_table WHERE x = \?\nparams: given/);
    expect(String(missing?.cause)).toMatch(/no such table/);
  });

  it("gives object rows and array rows from one cached statement, whichever ran last", async () => {
    await write(db, "a");
    const text = sql`SELECT actor FROM cockpit_audit_log WHERE actor = ${"a"}`;
    for (let i = 0; i < 3; i++) {
      expect(await db.values(text)).toEqual([["a"]]);
      expect(await db.all(text)).toEqual([{ actor: "a" }]);
      expect(await db.get(text)).toEqual({ actor: "a" });
    }
    expect(await db.select({ actor: auditLog.actor }).from(auditLog).where(eq(auditLog.actor, "a"))).toEqual([{ actor: "a" }]);
  });

  it("reports a write's affected rows as @libsql/client's ResultSet did", async () => {
    await write(db, "a");
    await write(db, "b");
    const changed = await db.update(auditLog).set({ action: "changed" }).where(eq(auditLog.action, "test"));
    expect(changed.rowsAffected).toBe(2);
    expect((await db.run(sql`DELETE FROM cockpit_audit_log WHERE actor = ${"a"}`)).rowsAffected).toBe(1);
  });

  it("rolls a savepoint back inside a transaction that commits", async () => {
    await db.transaction(async (tx) => {
      await write(tx, "outer");
      await expect(
        tx.transaction(async (inner) => {
          await write(inner, "inner");
          throw new Error("inner gives up");
        }),
      ).rejects.toThrow("inner gives up");
    });
    expect(await actors()).toEqual(["outer"]);
  });

  it("refuses a transaction begun through the database from inside an open one, instead of waiting for itself", async () => {
    await expect(
      db.transaction(async (tx) => {
        await write(tx, "outer");
        await db.transaction(async (again) => write(again, "nested"));
      }),
    ).rejects.toThrow(/while one is open in the same flow/);
    expect(await actors()).toEqual([]);
  });
});
