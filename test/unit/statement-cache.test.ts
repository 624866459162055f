import { createClient } from "@libsql/client";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cachePreparedStatements } from "@/lib/db/statement-cache";

describe("cached prepared statements", () => {
  it("keep working for writes without rows, reads and constraint errors", async () => {
    cachePreparedStatements();
    const client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), "stmt-cache-")), "db.sqlite")}` });
    await client.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)");
    // The same INSERT (no rows back: its raw() refusal is remembered) runs many times, then hits the primary key.
    for (let i = 0; i < 5; i++) await client.execute({ sql: "INSERT INTO t (id, n) VALUES (?, ?)", args: [`a${i}`, i] });
    await expect(client.execute({ sql: "INSERT INTO t (id, n) VALUES (?, ?)", args: ["a1", 9] })).rejects.toThrow(/UNIQUE/);
    await client.execute({ sql: "INSERT INTO t (id, n) VALUES (?, ?)", args: ["a5", 5] });
    // A reader keeps its column names across runs (they are remembered, not asked again).
    for (let i = 0; i < 3; i++) {
      const read = await client.execute({ sql: "SELECT id, n FROM t WHERE n >= ? ORDER BY n", args: [4] });
      expect(read.columns).toEqual(["id", "n"]);
      expect(read.rows.map((r) => [r.id, Number(r.n)])).toEqual([["a4", 4], ["a5", 5]]);
    }
    const written = await client.execute({ sql: "UPDATE t SET n = n + 1 WHERE id = ?", args: ["a0"] });
    expect(written.rowsAffected).toBe(1);
    client.close();
  });
});
