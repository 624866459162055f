import { describe, expect, it } from "vitest";
import { databaseTarget } from "@/lib/db/target";

describe("databaseTarget: which database steps apply", () => {
  it("takes file-only steps for file: URLs only", () => {
    expect(databaseTarget("file:data/cockpit.db")).toEqual({ kind: "file", path: "data/cockpit.db" });
    expect(databaseTarget(":memory:")).toEqual({ kind: "memory" });
    expect(databaseTarget("libsql://cockpit-me.turso.io")).toEqual({ kind: "remote", host: "cockpit-me.turso.io" });
    expect(databaseTarget("https://db.example.com:8080")).toEqual({ kind: "remote", host: "db.example.com:8080" });
    expect(databaseTarget("ws://127.0.0.1:8080")).toEqual({ kind: "remote", host: "127.0.0.1:8080" });
  });

  it("refuses anything else, without echoing the URL (it may carry a token)", () => {
    expect(() => databaseTarget("postgres://user:secret@db/cockpit")).toThrow(/must be file:PATH.*got postgres:…$/);
    expect(() => databaseTarget("postgres://user:secret@db/cockpit")).not.toThrow(/secret/);
    expect(() => databaseTarget("data/cockpit.db")).toThrow(/must be file:PATH/);
  });
});
