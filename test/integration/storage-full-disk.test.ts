import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

// A real full disk: the database lives on a small tmpfs (mounting needs root, as these tests run), and a filler file
// takes the rest of it. SQLite then fails the commit with SQLITE_FULL, as it would on a full production disk.
let stack: Stack;
let dir: string;
let disk: string;
let mounted = false;
const filler = () => join(disk, "filler");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cockpit-full-disk-"));
  disk = join(dir, "disk");
  mkdirSync(disk);
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk]);
  mounted = true;
  stack = await startStack({ webEnv: { DATABASE_URL: `file:${join(disk, "cockpit.db")}`, DB_TROUBLE_CLEAR_MS: "500", NOTIFY_INTERVAL_MS: "200" } });
});
afterAll(async () => {
  await stack?.stop();
  if (mounted) execFileSync("umount", [disk]);
  rmSync(dir, { recursive: true, force: true });
});

/** Appends to the filler file until the file system refuses (ENOSPC). */
function fillDisk(): void {
  const chunk = Buffer.alloc(16 * 1024, 1);
  for (;;) {
    try {
      appendFileSync(filler(), chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") return;
      throw error;
    }
  }
}

type Health = {
  ok: boolean;
  storage: { writable: boolean; problem?: string };
  hub: { reachable: boolean; outboxDepth: number | null };
  databaseTrouble: { problem: string; failures: number } | null;
  error?: { code: string };
};
const health = async () => {
  const res = await fetch(`${stack.webUrl}/api/health`);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Health };
};
const createTask = (title: string) =>
  stack.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title, executor: "shell", payload: { pad: "x".repeat(20_000) } }) });

const titles = async (search: string) =>
  ((await (await stack.api(`/api/cockpit/tasks?search=${encodeURIComponent(search)}`)).json()) as { tasks: { title: string }[] }).tasks.map((t) => t.title);

describe("a full disk", () => {
  it("reports a writable database and the hub beside it while there is room", async () => {
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, storage: { writable: true }, hub: { reachable: true } });
  });

  it("answers writes with 503 storage_unavailable (reads still work, health says so), and recovers once there is room", async () => {
    expect((await createTask("full-disk: before")).status).toBe(201);
    fillDisk();
    try {
      const res = await createTask("full-disk: while full");
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: "storage_unavailable",
        message: expect.stringContaining("disk is full"),
      });
      const h = await health();
      expect(h.status).toBe(503);
      expect(Number(h.retryAfter)).toBeGreaterThan(0);
      expect(h.body).toMatchObject({
        ok: false,
        error: { code: "storage_unavailable" },
        storage: { writable: false, problem: "the disk is full" },
        hub: { reachable: true },
      });
      expect(await titles("full-disk:")).toEqual(["full-disk: before"]);
      // The alert about it cannot be written yet: the trouble waits in memory, and health shows it.
      expect(h.body.databaseTrouble).toMatchObject({ problem: "the disk is full", failures: expect.any(Number) });
      expect(h.body.databaseTrouble!.failures).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(filler(), { force: true });
    }
    // Room again: no restart needed.
    expect((await health()).status).toBe(200);
    expect((await createTask("full-disk: after")).status).toBe(201);
    expect(await titles("full-disk:")).toEqual(["full-disk: after", "full-disk: before"]);
  });

  it("raises the database trouble as a critical alert once writes work again, and resolves it after a quiet spell", async () => {
    type Own = { id: string; dedupKey: string | null; status: string; severity: string; title: string; message: string; resolveReason: string | null };
    const own = async () =>
      ((await (await stack.api("/api/cockpit/alerts?limit=200")).json()) as { alerts: Own[] }).alerts.find((a) => a.dedupKey === "cockpit:database");
    const resolved = await eventually(async () => (await own())?.status === "resolved" && (await own())!, 20_000, "the database alert resolved");
    expect(resolved).toMatchObject({ severity: "critical", title: "The database refused writes: the disk is full", resolveReason: "writes work again" });
    expect(resolved.message).toMatch(/^\d+ failed writes? since /);
    const timeline = (await (await stack.api(`/api/cockpit/alerts/${resolved.id}`)).json()) as { events: { type: string }[] };
    expect(timeline.events.map((e) => e.type)[0]).toBe("triggered");
    expect(timeline.events.map((e) => e.type)).toContain("resolved");
    expect((await health()).body.databaseTrouble).toBeNull();
  });
});
