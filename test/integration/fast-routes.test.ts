import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/protocol/limits";
import { webAloneForFile } from "../helpers/web-alone";

// The web alone: its own server (scripts/web-server.ts) answers the hot routes once Next has loaded their modules.
const alone = webAloneForFile("cockpit-fast-");

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET whose headers and bytes arrive as sent (fetch would decompress and hide the framing). */
function rawGet(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${alone.plan.webUrl}${path}`, { headers });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const SECURITY = { "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin" };
const auth = () => ({ authorization: `Bearer ${alone.plan.adminKey}` });

describe("hot routes served beside Next", () => {
  it("answers a loaded hot route itself, with the body, status and security headers Next gave", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await alone.api("/api/cockpit/tasks", { method: "POST", body: JSON.stringify({ id: `fast-${i}`, title: `task ${i}`, executor: "shell" }) });
      expect(res.status).toBe(201);
      expect(res.headers.get("location")).toBe(`/api/cockpit/tasks/fast-${i}`);
    }
    const viaNext = await rawGet("/api/cockpit/alerts?limit=5", auth());
    const direct = await rawGet("/api/cockpit/alerts?limit=5", auth());
    for (const res of [viaNext, direct]) {
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject(SECURITY);
    }
    expect(JSON.parse(direct.body.toString())).toEqual(JSON.parse(viaNext.body.toString()));
    // Next streams a route's answer; the web's own server sends it with its length.
    expect(viaNext.headers["content-length"]).toBeUndefined();
    expect(direct.headers["content-length"]).toBe(String(direct.body.length));
    const refused = await rawGet("/api/cockpit/alerts", {});
    expect(refused.status).toBe(401);
    expect(refused.headers).toMatchObject({ ...SECURITY, "www-authenticate": "Bearer" });
    expect(JSON.parse(refused.body.toString())).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("gzips a larger answer for a client that accepts it, and only then; small answers stay as they are", async () => {
    const body = JSON.stringify({
      tasks: Array.from({ length: 40 }, (_, i) => ({ id: `bulk-fast-${i}`, title: `a longer title for task ${i}`, executor: "shell" })),
    });
    expect((await alone.api("/api/cockpit/tasks/bulk", { method: "POST", body })).status).toBe(201);
    const path = "/api/cockpit/tasks?limit=40";
    const gzipped = await rawGet(path, { ...auth(), "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["content-length"]).toBe(String(gzipped.body.length));
    expect(gzipped.headers).toMatchObject(SECURITY);
    const plain = await rawGet(path, auth());
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(gzipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    expect((JSON.parse(plain.body.toString()) as { tasks: unknown[] }).tasks).toHaveLength(40);
    const small = await rawGet("/api/cockpit/tasks?limit=1", { ...auth(), "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.headers["cache-control"]).toContain("no-transform");
  });

  it("answers an oversize body with 413 while the client is still sending it, and keeps serving", async () => {
    await alone.api("/api/cockpit/tasks?limit=1"); // the route's module is loaded: the web's own server answers
    const huge = JSON.stringify({ id: "too-big", title: "x".repeat(LIMITS.restBodyBytes * 3), executor: "shell" });
    for (let i = 0; i < 5; i++) {
      const res = await alone.api("/api/cockpit/tasks", { method: "POST", body: huge });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
    }
    expect((await alone.api("/api/cockpit/tasks/too-big")).status).toBe(404);
    expect((await alone.api("/api/cockpit/tasks?limit=1")).status).toBe(200);
  });

  it("leaves a path it does not serve exactly to Next (trailing slash, other methods)", async () => {
    const slash = await rawGet("/api/cockpit/tasks/?limit=1", auth());
    expect(slash.status).toBe(308);
    const head = await alone.api("/api/cockpit/tasks?limit=1", { method: "HEAD" });
    expect(head.status).toBe(200);
  });
});
