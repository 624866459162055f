import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerApi, planStack, startWeb, type Proc } from "../../scripts/stack";
import { TEST_DIST_DIR } from "../helpers/global-setup";
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

type Reply = { status: number; retryAfter: string | null; body: { ok?: boolean; error?: { code: string; message: string } } };
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
  it("answers 503 storage_unavailable on health and every route while it cannot prepare the database", async () => {
    const health = await eventually(async () => {
      if (web.child.exitCode !== null) throw new Error(`web exited:\n${web.output()}`);
      return await get("/api/health").catch(() => null);
    }, 60_000, "the web answering");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, error: { code: "storage_unavailable" } });
    const tasks = await get("/api/cockpit/tasks");
    expect(tasks.status).toBe(503);
    expect(tasks.body.error?.code).toBe("storage_unavailable");
    expect(Number(tasks.retryAfter)).toBeGreaterThan(0);
    // The operator is told which database and why, and that the web keeps trying.
    expect(web.output()).toContain(lockedDir);
    expect(web.output()).toMatch(/retrying/i);
  });

  it("recovers by itself, without a restart, once the folder is writable", async () => {
    chattr("-i");
    await eventually(async () => (await get("/api/health")).status === 200, 60_000, "health back to 200");
    const created = await bearerApi(plan.webUrl, plan.adminKey)("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ title: "after recovery", executor: "shell" }) });
    expect(created.status).toBe(201);
    const tasks = await get("/api/cockpit/tasks");
    expect(tasks.status).toBe(200);
    expect(web.child.exitCode).toBeNull();
  });
});
