import { request } from "node:http";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { webAloneForFile } from "../helpers/web-alone";

// The web alone (no hub needed here), started directly so its log output can be read.
const alone = webAloneForFile("cockpit-hygiene-");

/** GET with a Host header of our choosing (fetch would not send a malformed one). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${alone.plan.webUrl}${path}`, { setHost: false, headers: { host, authorization: `Bearer ${alone.plan.adminKey}` } });
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
    const good = await getWithHost("/api/auth/socket-token", `localhost:${alone.plan.webPort}`);
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
      const res = await alone.api(path);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: "bad_request", field: "path" } });
    }
    // Unauthenticated, and a page: still a 400 that says why, not a 500.
    const page = await fetch(`${alone.plan.webUrl}/tasks/abc%zz`);
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/malformed percent-escape/);
    // Well-formed escapes (non-ASCII, or a "%" spelled %25) reach the route, which judges the id itself.
    for (const path of ["/api/cockpit/tasks/caf%C3%A9", "/api/cockpit/tasks/%25zz", "/api/cockpit/tasks/abc%20d"]) {
      const res = await alone.api(path);
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: "bad_request", field: "id" } });
    }
    expect((await alone.api("/api/cockpit/tasks/no-such-task")).status).toBe(404);
  });

  it("checks the media type itself, not any mention of application/json", async () => {
    const body = JSON.stringify({ title: "typed", executor: "shell" });
    for (const type of [
      "text/plain; x=application/json",
      "text/plain, application/json",
      "application/jsonp",
      "multipart/form-data; boundary=application/json",
    ]) {
      const res = await alone.api("/api/cockpit/tasks", { method: "POST", body, headers: { "content-type": type } });
      expect(res.status, type).toBe(415);
    }
    for (const type of ["application/json", "Application/JSON; charset=utf-8", " application/json ;charset=UTF-8"]) {
      const res = await alone.api("/api/cockpit/tasks", { method: "POST", body, headers: { "content-type": type } });
      expect(res.status, type).toBe(201);
    }
  });

  it("logs an internal error as one escaped, bounded line, whatever the query string holds", async () => {
    // A database fault on a query that carries request text (its parameters are in the error): the repos table is
    // renamed away for a moment.
    const db = createClient({ url: `file:${alone.plan.dbPath}` });
    await db.execute("ALTER TABLE cockpit_git_repos RENAME TO cockpit_git_repos_away");
    const forged = "\n2099-01-01 FORGED-LOG-LINE admin key leaked\u001b[31m";
    const pad = "p".repeat(8000);
    try {
      const res = await alone.api(`/api/cockpit/repos?search=${encodeURIComponent(`x${forged}`)}&pad=${pad}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
    } finally {
      await db.execute("ALTER TABLE cockpit_git_repos_away RENAME TO cockpit_git_repos");
      db.close();
    }
    const lines = alone.web.output().split("\n");
    const logged = lines.filter((l) => l.includes("FORGED-LOG-LINE"));
    expect(logged.length).toBeGreaterThan(0);
    // The forged text never starts a line of its own, control characters stay escaped, and the line is bounded.
    expect(lines.some((l) => l.startsWith("2099-01-01 FORGED-LOG-LINE"))).toBe(false);
    expect(alone.web.output()).not.toContain("\u001b[31m");
    for (const line of logged) {
      expect(line).toContain("\\n2099-01-01 FORGED-LOG-LINE");
      expect(line.length).toBeLessThan(pad.length);
    }
    // The table is back: the same request works again.
    expect((await alone.api("/api/cockpit/repos?search=x")).status).toBe(200);
  });
});
