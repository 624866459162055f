import { request } from "node:http";
import { rmSync } from "node:fs";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerApi, planStack, startWeb, waitForUrl, type Proc } from "../../scripts/stack";
import { TEST_DIST_DIR } from "../helpers/test-build";

// The web alone (no hub needed here), started directly so its log output can be read.
let web: Proc;
let plan: Awaited<ReturnType<typeof planStack>>;
let api: ReturnType<typeof bearerApi>;

beforeAll(async () => {
  plan = await planStack("cockpit-hygiene-");
  web = startWeb({ port: plan.webPort, env: plan.webEnv, distDir: TEST_DIST_DIR });
  await waitForUrl(`${plan.webUrl}/api/health`, web);
  api = bearerApi(plan.webUrl, plan.adminKey);
});
afterAll(async () => {
  await web?.stop();
  if (plan) rmSync(plan.dir, { recursive: true, force: true });
});

/** GET with a Host header of our choosing (fetch would not send a malformed one). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${plan.webUrl}${path}`, { setHost: false, headers: { host, authorization: `Bearer ${plan.adminKey}` } });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("request hygiene", () => {
  it("answers a malformed Host header on socket-token with 400, and a good one with the hub's address", async () => {
    for (const host of ["[bad", "exa mple.com", "evil.com/path", "a:b:c"]) {
      const reply = await getWithHost("/api/auth/socket-token", host);
      expect(reply.status, host).toBe(400);
      expect(JSON.parse(reply.body), host).toMatchObject({ error: { code: "bad_request", field: "host" } });
    }
    const good = await getWithHost("/api/auth/socket-token", `localhost:${plan.webPort}`);
    expect(good.status).toBe(200);
    expect((JSON.parse(good.body) as { hubUrl: string }).hubUrl).toMatch(/^ws:\/\/localhost:\d+$/);
  });

  it("answers a path with a broken percent-escape with 400 naming the path (it was a bare 500), and lets good escapes through", async () => {
    for (const path of [
      "/api/cockpit/tasks/abc%",
      "/api/cockpit/tasks/abc%zz",
      "/api/cockpit/tasks/%E0%A4%A",
      "/api/cockpit/tasks/%E0%A4%41",
      "/api/cockpit/alerts/%",
    ]) {
      const res = await api(path);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: "bad_request", field: "path" } });
    }
    // Unauthenticated, and a page: still a 400 that says why, not a 500.
    const page = await fetch(`${plan.webUrl}/tasks/abc%zz`);
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/malformed percent-escape/);
    // Well-formed escapes (non-ASCII, or a "%" spelled %25) reach the route, which judges the id itself.
    for (const path of ["/api/cockpit/tasks/caf%C3%A9", "/api/cockpit/tasks/%25zz", "/api/cockpit/tasks/abc%20d"]) {
      const res = await api(path);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: "bad_request", field: "id" } });
    }
    expect((await api("/api/cockpit/tasks/no-such-task")).status).toBe(404);
  });

  it("checks the media type itself, not any mention of application/json", async () => {
    const body = JSON.stringify({ title: "typed", executor: "shell" });
    for (const type of [
      "text/plain; x=application/json",
      "text/plain, application/json",
      "application/jsonp",
      "multipart/form-data; boundary=application/json",
    ]) {
      const res = await api("/api/cockpit/tasks", { method: "POST", body, headers: { "content-type": type } });
      expect(res.status, type).toBe(415);
    }
    for (const type of ["application/json", "Application/JSON; charset=utf-8", " application/json ;charset=UTF-8"]) {
      const res = await api("/api/cockpit/tasks", { method: "POST", body, headers: { "content-type": type } });
      expect(res.status, type).toBe(201);
    }
  });

  it("logs an internal error as one escaped, bounded line, whatever the query string holds", async () => {
    // A database fault on a query that carries request text: the tasks table is renamed away for a moment.
    const db = createClient({ url: `file:${plan.dbPath}` });
    await db.execute("ALTER TABLE cockpit_tasks RENAME TO cockpit_tasks_away");
    const forged = "\n2099-01-01 FORGED-LOG-LINE admin key leaked\u001b[31m";
    const pad = "p".repeat(8000);
    try {
      const res = await api(`/api/cockpit/tasks?search=${encodeURIComponent(`x${forged}`)}&pad=${pad}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
    } finally {
      await db.execute("ALTER TABLE cockpit_tasks_away RENAME TO cockpit_tasks");
      db.close();
    }
    const lines = web.output().split("\n");
    const logged = lines.filter((l) => l.includes("FORGED-LOG-LINE"));
    expect(logged.length).toBeGreaterThan(0);
    // The forged text never starts a line of its own, control characters stay escaped, and the line is bounded.
    expect(lines.some((l) => l.startsWith("2099-01-01 FORGED-LOG-LINE"))).toBe(false);
    expect(web.output()).not.toContain("\u001b[31m");
    for (const line of logged) {
      expect(line).toContain("\\n2099-01-01 FORGED-LOG-LINE");
      expect(line.length).toBeLessThan(pad.length);
    }
    // The table is back: the same request works again.
    expect((await api("/api/cockpit/tasks?search=x")).status).toBe(200);
  });
});
