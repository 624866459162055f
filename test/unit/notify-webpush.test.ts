import { createECDH } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AlertNotice } from "@/lib/notify/message";
import { MAX_PUSH_PAYLOAD_BYTES, encodePushPayload } from "@/lib/notify/push/payload";
import { vapidKeys } from "@/lib/notify/push/vapid";

const notice: AlertNotice = {
  event: "trigger",
  deliveryId: "d1",
  alertId: "alert_1",
  severity: "critical",
  title: "Disk full",
  message: "é".repeat(5000),
  source: null,
  agentId: "mac-1",
  taskId: null,
  repoId: null,
  count: 1,
  since: "2026-03-01T10:00:00.000Z",
  openMinutes: 0,
  dashboardUrl: "https://c.example/alerts/alert_1",
  ackUrl: "https://c.example/ack?t=ack1.x",
};

describe("web push", () => {
  it("derives one VAPID key pair per secret: a valid P-256 pair, the same on every call, another for another secret", () => {
    const a = vapidKeys("secret-one-0123456789");
    expect(vapidKeys("secret-one-0123456789")).toEqual(a);
    expect(vapidKeys("secret-two-0123456789").publicKey).not.toBe(a.publicKey);
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(Buffer.from(a.privateKey, "base64url"));
    expect(ecdh.getPublicKey().toString("base64url")).toBe(a.publicKey);
    expect(Buffer.from(a.publicKey, "base64url")[0]).toBe(4);
  });

  it("cuts a long message so the payload fits one push record, keeping the links whole", () => {
    const text = encodePushPayload(notice);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD_BYTES);
    const p = JSON.parse(text) as { body: string; ackUrl: string; url: string; title: string };
    expect(p.body.endsWith("…")).toBe(true);
    expect(p).toMatchObject({ ackUrl: notice.ackUrl, url: notice.dashboardUrl, title: "[CRITICAL] Disk full" });
  });
});
