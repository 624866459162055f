import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../lib/protocol/limits";
import { startStack, type Stack } from "../helpers/stack";
import { peakMemory, pidListeningOn, postChunked, postDeclaringLength, resetPeakMemory } from "./web-process";

let stack: Stack;
const MiB = 1024 * 1024;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** A bridge request that passes the cheap header checks (fresh timestamp, well-formed signature) but is not signed. */
const forgedBridgeHeaders = () => ({ "content-type": "application/json", "x-cockpit-timestamp": String(Date.now()), "x-cockpit-signature": "0".repeat(64) });
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

/** A fresh web process: memory freed by an earlier big request would otherwise hide the growth of the next one. */
async function freshWebPid(): Promise<number> {
  await stack.restartWeb();
  return pidListeningOn(Number(new URL(stack.webUrl).port));
}

describe("request bodies are capped before they are read whole", () => {
  it("cuts off an unsigned chunked body to the bridge at its cap, with 413, without holding it in memory", async () => {
    const webPid = await freshWebPid();
    const url = `${stack.webUrl}/api/hub/events`;
    // Warm the route up so loading its code is not counted below.
    expect((await postChunked(url, forgedBridgeHeaders(), 1024)).status).toBe(401);
    const bodyBytes = 8 * LIMITS.bridgeBodyBytes;
    const before = resetPeakMemory(webPid);
    const reply = await postChunked(url, forgedBridgeHeaders(), bodyBytes);
    const grew = peakMemory(webPid) - before;
    expect(reply.status).toBe(413);
    expect(errorOf(reply.body)).toMatchObject({ code: "payload_too_large" });
    expect(reply.sentBytes).toBeLessThan(bodyBytes);
    // Holding the body (let alone a string copy of it) would take more than the whole body size.
    expect(grew).toBeLessThan(bodyBytes / 2);
  });

  it("cuts off an authenticated chunked REST body at the REST cap without holding it in memory", async () => {
    const webPid = await freshWebPid();
    const url = `${stack.webUrl}/api/cockpit/tasks`;
    const headers = { authorization: `Bearer ${stack.adminKey}`, "content-type": "application/json" };
    expect((await postChunked(url, headers, 1024, " ")).status).toBe(400);
    const bodyBytes = 256 * MiB;
    const before = resetPeakMemory(webPid);
    const reply = await postChunked(url, headers, bodyBytes, " ");
    const grew = peakMemory(webPid) - before;
    expect(reply.status).toBe(413);
    expect(errorOf(reply.body).message).toContain(String(LIMITS.restBodyBytes));
    expect(grew).toBeLessThan(bodyBytes / 4);
  });

  it("refuses a declared Content-Length over the cap before any body byte arrives, authenticated or not", async () => {
    const huge = 300 * MiB;
    const cases: [string, Record<string, string>][] = [
      ["/api/hub/events", forgedBridgeHeaders()],
      ["/api/hub/auth", forgedBridgeHeaders()],
      ["/api/cockpit/tasks", { "content-type": "application/json" }],
      ["/api/cockpit/tasks", { "content-type": "application/json", authorization: `Bearer ${stack.adminKey}` }],
      ["/api/cockpit/tasks/bulk/cancel", { "content-type": "application/json" }],
      ["/api/cockpit/keys", { "content-type": "application/json" }],
      ["/api/auth/sign-in", { "content-type": "application/x-www-form-urlencoded", origin: stack.webUrl }],
    ];
    for (const [path, headers] of cases) {
      const reply = await postDeclaringLength(`${stack.webUrl}${path}`, headers, huge);
      expect(reply.status, path).toBe(413);
      expect(errorOf(reply.body), path).toMatchObject({ code: "payload_too_large" });
    }
  });

  it("counts bytes, not characters: a body under the cap in characters but over it in UTF-8 is refused", async () => {
    const title = "é".repeat(Math.ceil(LIMITS.restBodyBytes / 2) + 10);
    const body = JSON.stringify({ title, executor: "shell" });
    expect(body.length).toBeLessThan(LIMITS.restBodyBytes);
    const res = await stack.api("/api/cockpit/tasks", { method: "POST", body });
    expect(res.status).toBe(413);
  });

  it("caps the sign-in form too", async () => {
    const reply = await postChunked(
      `${stack.webUrl}/api/auth/sign-in`,
      { "content-type": "application/x-www-form-urlencoded", origin: stack.webUrl },
      64 * MiB,
    );
    expect(reply.status).toBe(413);
    expect(errorOf(reply.body)).toMatchObject({ code: "payload_too_large" });
  });

  it("still accepts a body just under the cap and a normal sign-in", async () => {
    const res = await stack.api("/api/cockpit/tasks", {
      method: "POST",
      body: JSON.stringify({ title: "fits", executor: "shell", payload: { blob: "x".repeat(200_000) } }),
    });
    expect(res.status).toBe(201);
    const form = new URLSearchParams({ key: stack.adminKey, next: "/" });
    const signIn = await fetch(`${stack.webUrl}/api/auth/sign-in`, { method: "POST", body: form, headers: { origin: stack.webUrl }, redirect: "manual" });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("set-cookie")).toContain("cockpit_session=");
  });
});
