import "server-only";
import webpush from "web-push";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { WebPushConfig } from "../channels/webpush-config";
import { sendHttp, type DeliveryResult } from "../http-send";
import type { AlertNotice } from "../message";
import { encodePushPayload } from "./payload";
import { devicesOf, recordDeviceOutcome, type DeviceSubscription } from "./store";
import { vapidKeys } from "./vapid";

/** The push service's answer meaning "this subscription is gone" (RFC 8030 §7.3 and the services' docs). */
const EXPIRED = new Set([404, 410]);

/** The encrypted (RFC 8291, aes128gcm) and VAPID-signed (RFC 8292) POST for one device, sent by our own HTTP sender. */
function pushRequest(device: DeviceSubscription, payload: string, c: WebPushConfig, urgent: boolean) {
  const d = webpush.generateRequestDetails(device, payload, {
    vapidDetails: { subject: c.subject, ...vapidKeys(env().COCKPIT_SECRET) },
    TTL: c.ttlSeconds,
    urgency: urgent ? "high" : "normal",
    contentEncoding: "aes128gcm",
  });
  const headers = Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k, String(v)]));
  return { url: d.endpoint, headers, body: new Uint8Array(d.body) };
}

/**
 * One notification to every device of the channel. Sent when any device took it: a retry would repeat it on the devices
 * that have it already, so a device that failed transiently misses this one (its error is kept on its row). Retried
 * when none took it and one may later; expired devices are removed.
 */
export async function deliverWebPush(channelId: string, c: WebPushConfig, n: AlertNotice, now = Date.now()): Promise<DeliveryResult> {
  const db = await getDb();
  const devices = await devicesOf(db, channelId);
  if (devices.length === 0) return { verdict: { kind: "failed" }, httpStatus: null, error: "no device subscribed to this channel" };
  const payload = encodePushPayload(n);
  const urgent = n.severity === "critical" && n.event !== "resolve";
  const results = [];
  for (const device of devices) {
    let result: DeliveryResult;
    try {
      result = await sendHttp(pushRequest(device, payload, c, urgent), now);
    } catch (error) {
      result = { verdict: { kind: "failed" }, httpStatus: null, error: error instanceof Error ? error.message : "cannot encrypt for this device" };
    }
    const expired = result.httpStatus !== null && EXPIRED.has(result.httpStatus);
    await recordDeviceOutcome(db, device.id, result.verdict.kind === "sent" ? { usedAt: Date.now() } : expired ? "expired" : { error: result.error ?? "failed" });
    results.push({ ...result, expired });
  }
  const sent = results.filter((r) => r.verdict.kind === "sent");
  const expiredCount = results.filter((r) => r.expired).length;
  const failures = results.filter((r) => r.verdict.kind !== "sent").map((r) => (r.expired ? `expired (HTTP ${r.httpStatus}), removed` : r.error));
  const summary = failures.length ? `${sent.length} of ${devices.length} devices: ${[...new Set(failures)].join("; ")}` : null;
  if (sent.length > 0) return { verdict: { kind: "sent" }, httpStatus: sent[0]!.httpStatus, error: summary };
  const retry = results.find((r) => r.verdict.kind === "retry");
  if (retry) return { verdict: retry.verdict, httpStatus: retry.httpStatus, error: summary };
  if (expiredCount === devices.length) return { verdict: { kind: "failed" }, httpStatus: results[0]!.httpStatus, error: `every device's subscription had expired; ${expiredCount} removed` };
  return { verdict: { kind: "failed" }, httpStatus: results[0]!.httpStatus, error: summary };
}
