import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerApi, planStack, startWeb, type Proc } from "../../scripts/stack";
import { TEST_DIST_DIR } from "../helpers/test-build";
import { eventually } from "../helpers/raw-agent";

// The database lives in a folder marked immutable (chattr +i): not even root can create a file in it, so
// opening and migrating the database really fails, until the flag is lifted.
let web: Proc;
let plan: Awaited<ReturnType<typeof planStack>>;
let lockedDir: string;
const chattr = (flag: "+i" | "-i") => execFileSync("chattr", [flag, lockedDir]);

beforeAll(async () => {
  plan = await planStack("cockpit-storage-boot-");
  lockedDir = join(plan.dir, "locked");
  mkdirSync(lockedDir);
  chattr("+i");
  const dbPath = join(lockedDir, "cockpit.db");
  web = startWeb({ port: plan.webPort, env: { ...plan.webEnv, DATABASE_URL: `file:${dbPath}` }, distDir: TEST_DIST_DIR });
});
afterAll(async () => {
  await web?.stop();
  if (lockedDir) chattr("-i");
  if (plan) rmSync(plan.dir, { recursive: true, force: true });
});

type Reply = { status: number; retryAfter: string | null; body: { ok?: boolean; error?: { code: string; message: string }; hub?: { reachable: boolean } } };
async function get(path: string): Promise<Reply> {
  const res = await bearerApi(plan.webUrl, plan.adminKey)(path);
  const text = await res.text();
  let body: Reply["body"] = {};
  try {
    body = JSON.parse(text) as Reply["body"];
  } catch {
    /* not our error shape (Next's own "Internal Server Error"): the status says enough */
  }
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body };
}

describe("a web started on an unwritable database", () => {
  it("answers 503 storage_unavailable on health and every route while it cannot prepare the database, then recovers by itself", async () => {
    const health = await eventually(
      async () => {
        if (web.child.exitCode !== null) throw new Error(`web exited:\n${web.output()}`);
        return await get("/api/health").catch(() => null);
      },
      60_000,
      "the web answering",
    );
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
    const tasks = await get("/api/cockpit/tasks");
    expect(tasks.status).toBe(503);
    expect(tasks.body.error?.code).toBe("storage_unavailable");
    expect(Number(tasks.retryAfter)).toBeGreaterThan(0);
    // The operator is told which database and why, and that the web keeps trying.
    expect(web.output()).toContain(lockedDir);
    expect(web.output()).toMatch(/retrying/i);

    // The operator fixes the folder: the web recovers by itself, without a restart.
    chattr("-i");
    const recovered = await eventually(
      async () => {
        const h = await get("/api/health");
        return h.status === 200 && h.body;
      },
      60_000,
      "health back to 200",
    );
    // No hub runs beside this web: health says so, and is healthy all the same.
    expect(recovered).toMatchObject({ ok: true, hub: { reachable: false } });
    const created = await bearerApi(plan.webUrl, plan.adminKey)("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ title: "after recovery", executor: "shell" }),
    });
    expect(created.status).toBe(201);
    expect((await get("/api/cockpit/tasks")).status).toBe(200);
    expect(web.child.exitCode).toBeNull();
  });
});
