/** Web Push as a channel, end to end: REST subscriptions, an alert through the outbox, a local push endpoint that checks
 *  VAPID and decrypts the payload with the device's keys, and an expired (410) device removed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDevice, startPushEndpoint, verifyVapid, type Device, type PushReceived } from "../helpers/push-endpoint";
import type { NotifyReceiver } from "../helpers/notify-receiver";
import { eventually } from "../helpers/raw-agent";
import { startStack, type Stack } from "../helpers/stack";

type Subscription = { id: string; channelId: string; deviceName: string; pushService: string; lastUsedAt: string | null };
type Payload = { title: string; body: string; severity: string; event: string; alertId: string; url: string; ackUrl: string | null; tag: string };

let stack: Stack;
let push: NotifyReceiver;
let channelId: string;
let phone: Device;
let gone: Device;

const json = (body: unknown, method = "POST"): RequestInit => ({ method, body: JSON.stringify(body) });
async function call<T>(path: string, init: RequestInit, status: number): Promise<T> {
  const res = await stack.api(path, init);
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const subscribe = (device: Device, deviceName: string, channel = channelId) =>
  stack.api("/api/cockpit/push/subscriptions", json({ channelId: channel, deviceName, subscription: { endpoint: device.endpoint, expirationTime: null, keys: device.keys } }));
const listed = async () => (await call<{ subscriptions: Subscription[] }>("/api/cockpit/push/subscriptions", { method: "GET" }, 200)).subscriptions;
const payloadOf = (device: Device, r: PushReceived) => JSON.parse(device.decrypt(r.raw)) as Payload;
const pushFor = (device: Device, test: (p: Payload) => boolean) => (r: PushReceived) => `${push.url}${r.path}` === device.endpoint && test(payloadOf(device, r));

beforeAll(async () => {
  push = await startPushEndpoint();
  stack = await startStack({ webEnv: { NOTIFY_INTERVAL_MS: "100", NOTIFY_RETRY_BASE_MS: "300", PUBLIC_URL: "https://cockpit.example.test" } });
  channelId = (await call<{ channel: { id: string } }>("/api/cockpit/channels", json({ name: "phones", type: "webpush", config: { subject: "mailto:ops@example.test" } }), 201)).channel.id;
  await call("/api/cockpit/rules", json({ name: "criticals to phones", severities: ["critical"], channelIds: [channelId] }), 201);
  phone = makeDevice(`${push.url}/push/phone-1`);
  gone = makeDevice(`${push.url}/push/old-tablet`);
  push.answer("/push/old-tablet", 410);
});
afterAll(async () => {
  await stack?.stop();
  await push?.close();
});

describe("web push subscriptions", () => {
  it("gives the VAPID public key, and takes, lists and refuses subscriptions with the field named", async () => {
    const { publicKey } = await call<{ publicKey: string }>("/api/cockpit/push/key", { method: "GET" }, 200);
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);
    const bad = await stack.api("/api/cockpit/push/subscriptions", json({ channelId, deviceName: "x", subscription: { endpoint: phone.endpoint, keys: { p256dh: "AAAA", auth: phone.keys.auth } } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("subscription.keys.p256dh");
    const hook = await call<{ channel: { id: string } }>("/api/cockpit/channels", json({ name: "not push", type: "webhook", config: { url: "http://127.0.0.1:9/x", secret: "0123456789abcdef" } }), 201);
    const wrongType = await subscribe(phone, "phone", hook.channel.id);
    expect([wrongType.status, ((await wrongType.json()) as { error: { field: string } }).error.field]).toEqual([400, "channelId"]);
    expect((await subscribe(phone, "phone", "ch_missing")).status).toBe(404);

    expect((await subscribe(phone, "Pixel 8")).status).toBe(201);
    expect((await subscribe(gone, "Old tablet")).status).toBe(201);
    const text = await (await stack.api("/api/cockpit/push/subscriptions")).text();
    expect(text).not.toContain("/push/phone-1");
    expect(text).not.toContain(phone.keys.auth);
    expect((await listed()).map((s) => [s.deviceName, s.pushService])).toEqual([
      ["Pixel 8", push.url],
      ["Old tablet", push.url],
    ]);
    const operator = await stack.createKey("operator");
    expect((await stack.api("/api/cockpit/push/subscriptions", { key: operator })).status).toBe(403);
  });

  it("pushes an alert encrypted to each device, signed with VAPID, and removes the device whose subscription is gone", async () => {
    const { publicKey } = await call<{ publicKey: string }>("/api/cockpit/push/key", { method: "GET" }, 200);
    const { alert } = await call<{ alert: { id: string } }>("/api/cockpit/alerts", json({ severity: "critical", title: "Agent mac-9 lost", message: "no ping for 3 min", agentId: "mac-9" }), 201);
    const got = await push.next(pushFor(phone, (p) => p.alertId === alert.id));
    expect(got.headers["content-encoding"]).toBe("aes128gcm");
    expect(got.headers.ttl).toBe("86400");
    expect(got.headers.urgency).toBe("high");
    const claims = verifyVapid(got.headers.authorization);
    expect(claims.publicKey).toBe(publicKey);
    expect(claims.aud).toBe(push.url);
    expect(claims.sub).toBe("mailto:ops@example.test");
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claims.exp).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600);

    const p = payloadOf(phone, got);
    expect(p).toMatchObject({ title: "[CRITICAL] Agent mac-9 lost", severity: "critical", event: "trigger", url: `https://cockpit.example.test/alerts/${alert.id}`, tag: `cockpit-alert-${alert.id}` });
    expect(p.body).toContain("no ping for 3 min");
    expect(p.ackUrl).toMatch(/^https:\/\/cockpit\.example\.test\/ack\?t=ack1\./);

    // The old tablet answered 410: its subscription is removed; the phone's shows when it was last used.
    await push.next((r) => r.path === "/push/old-tablet");
    type Delivery = { result: string; channelType: string; error: string | null };
    // The delivery log is written once every device has been tried: the barrier for what follows.
    const detail = await eventually(async () => {
      const d = (await call<{ deliveries: Delivery[] }>(`/api/cockpit/alerts/${alert.id}`, { method: "GET" }, 200)).deliveries;
      return d.length > 0 && d;
    }, 20_000, "the push delivery log");
    const now = await listed();
    expect(now.map((s) => s.deviceName)).toEqual(["Pixel 8"]);
    expect(now[0]!.lastUsedAt).not.toBeNull();
    expect(detail).toEqual([expect.objectContaining({ result: "sent", channelType: "webpush", error: expect.stringContaining("expired (HTTP 410), removed") })]);
  });

  it("the send-test button reaches the device; a device unsubscribes itself by its endpoint", async () => {
    const test = await call<{ ok: boolean }>(`/api/cockpit/channels/${channelId}/test`, { method: "POST" }, 200);
    expect(test.ok).toBe(true);
    const got = await push.next(pushFor(phone, (p) => p.event === "test"));
    expect(payloadOf(phone, got)).toMatchObject({ title: "Cockpit test notification", ackUrl: null });
    expect(await call("/api/cockpit/push/subscriptions", json({ endpoint: phone.endpoint }, "DELETE"), 200)).toMatchObject({ deleted: expect.stringMatching(/^push_/) });
    expect(await listed()).toEqual([]);
    expect((await stack.api("/api/cockpit/push/subscriptions", json({ endpoint: phone.endpoint }, "DELETE"))).status).toBe(404);
    const none = await call<{ ok: boolean; error: string }>(`/api/cockpit/channels/${channelId}/test`, { method: "POST" }, 200);
    expect(none).toMatchObject({ ok: false, error: "no device subscribed to this channel" });
  });
});
