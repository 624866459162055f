import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintAckToken, verifyAckToken } from "@/lib/notify/ack-link";
import { maskSecret, redactChannel } from "@/lib/notify/channel-config";
import { ntfyRequest, webhookRequest, webhookSignature } from "@/lib/notify/channels/format";
import type { AlertNotice } from "@/lib/notify/message";
import { backoffMs, bypassesQuietHours, classifyStatus, dueRepeat, quietUntil, retryAfterMs, ruleMatches } from "@/lib/notify/rules";
import { seal, unseal } from "@/lib/notify/secrets";

const SECRET = "a-test-secret-of-enough-length";
const at = (hhmm: string) => Date.parse(`2026-03-01T${hhmm}:00Z`);

describe("notification rules", () => {
  const rule = { severities: ["critical"], sources: [], agentIds: ["mac-1"], kinds: [] };
  it("matches on every non-empty list, and an empty list means any", () => {
    expect(ruleMatches(rule, { severity: "critical", source: "hub", agentId: "mac-1", kind: null })).toBe(true);
    expect(ruleMatches(rule, { severity: "warning", source: "hub", agentId: "mac-1", kind: null })).toBe(false);
    expect(ruleMatches(rule, { severity: "critical", source: "hub", agentId: null, kind: null })).toBe(false);
    expect(ruleMatches({ severities: [], sources: [], agentIds: [], kinds: [] }, { severity: "info", source: null, agentId: null, kind: null })).toBe(true);
  });

  it("quiet hours across midnight end at the next end time, in UTC; outside them nothing waits", () => {
    expect(quietUntil("22:00-07:00", at("23:30"))).toBe(Date.parse("2026-03-02T07:00:00Z"));
    expect(quietUntil("22:00-07:00", at("06:59"))).toBe(at("07:00"));
    expect(quietUntil("22:00-07:00", at("07:00"))).toBeNull();
    expect(quietUntil("12:00-13:00", at("12:15"))).toBe(at("13:00"));
    expect(quietUntil(null, at("12:15"))).toBeNull();
    expect(bypassesQuietHours("critical", "trigger")).toBe(true);
    expect(bypassesQuietHours("warning", "trigger")).toBe(false);
  });

  it("backs off doubling from the base, capped at an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30, 5_000)).toBe(3600_000);
  });

  it("reads retry-after as seconds, as a date, or from Discord's and Telegram's bodies", () => {
    const now = Date.parse("2026-03-01T00:00:00Z");
    expect(retryAfterMs("3", null, now)).toBe(3_000);
    expect(retryAfterMs("Sun, 01 Mar 2026 00:00:10 GMT", null, now)).toBe(10_000);
    expect(retryAfterMs(null, { retry_after: 1.5 }, now)).toBe(1_500);
    expect(retryAfterMs(null, { ok: false, parameters: { retry_after: 7 } }, now)).toBe(7_000);
    expect(retryAfterMs(null, { nothing: 1 }, now)).toBeNull();
  });

  it("retries 429, 5xx and silence; gives up on other 4xx", () => {
    expect(classifyStatus(204).kind).toBe("sent");
    expect(classifyStatus(429).kind).toBe("retry");
    expect(classifyStatus(503).kind).toBe("retry");
    expect(classifyStatus(null).kind).toBe("retry");
    expect(classifyStatus(404).kind).toBe("failed");
  });

  it("counts repeats from the trigger: none before the first interval, then the newest due one", () => {
    const t0 = at("10:00");
    expect(dueRepeat(t0, 20, at("10:19"))).toBeNull();
    expect(dueRepeat(t0, 20, at("10:20"))).toBe(1);
    expect(dueRepeat(t0, 20, at("11:05"))).toBe(3);
    expect(dueRepeat(t0, null, at("11:05"))).toBeNull();
  });
});

describe("acknowledge links", () => {
  it("verify until they expire, and refuse any altered part or another secret", async () => {
    const now = Date.now();
    const token = await mintAckToken(SECRET, "alert_1", 60_000, now);
    expect(await verifyAckToken(SECRET, token, now + 59_000)).toMatchObject({ ok: true, claims: { alertId: "alert_1" } });
    expect(await verifyAckToken(SECRET, token, now + 61_000)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyAckToken("another-secret-of-enough-length", token, now)).toEqual({ ok: false, reason: "invalid" });
    const parts = token.split(".");
    const otherAlert = [parts[0], "alert_2", ...parts.slice(2)].join(".");
    expect(await verifyAckToken(SECRET, otherAlert, now)).toEqual({ ok: false, reason: "invalid" });
    const longer = [...parts.slice(0, 3), String(now + 10 * 86400_000), parts[4]].join(".");
    expect(await verifyAckToken(SECRET, longer, now)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("channel secrets", () => {
  it("are sealed with AES-GCM: readable with the secret, refused with another or when altered", () => {
    const sealed = seal(SECRET, '{"botToken":"123:abc"}');
    expect(sealed).not.toContain("abc");
    expect(unseal(SECRET, sealed)).toBe('{"botToken":"123:abc"}');
    expect(() => unseal("another-secret-of-enough-length", sealed)).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => unseal(SECRET, altered)).toThrow();
  });
  it("are never shown in full", () => {
    expect(maskSecret("123456:ABCDEFGHIJ")).toBe("••••GHIJ");
    const shown = JSON.stringify(redactChannel({ type: "slack", config: { webhookUrl: "https://hooks.slack.com/services/T000/B000/XXXXSECRET" } }));
    expect(shown).not.toContain("XXXXSECRET");
    expect(shown).toContain("hooks.slack.com");
  });
});

const notice: AlertNotice = {
  event: "trigger",
  deliveryId: "a:1:trigger:ch",
  alertId: "a",
  severity: "critical",
  title: "Agent mac-1 stopped answering pings — ünïcode",
  message: "No pong",
  source: "hub",
  agentId: "mac-1",
  taskId: null,
  repoId: null,
  count: 3,
  since: "2026-03-01T10:00:00.000Z",
  openMinutes: 0,
  dashboardUrl: "https://cockpit.example/alerts/a",
  ackUrl: "https://cockpit.example/ack?t=ack1.a.n.1.f",
};

describe("formats", () => {
  it("signs webhooks with HMAC-SHA256 over timestamp.body", () => {
    const req = webhookRequest({ url: "https://example.org/hook", secret: "whsec-0123456789abcdef" }, notice, 1_700_000_000_000);
    const expected = createHmac("sha256", "whsec-0123456789abcdef").update(`1700000000.${req.body}`).digest("hex");
    expect(req.headers["x-cockpit-timestamp"]).toBe("1700000000");
    expect(req.headers["x-cockpit-signature"]).toBe(`sha256=${expected}`);
    expect(webhookSignature("whsec-0123456789abcdef", "1700000001", req.body)).not.toBe(req.headers["x-cockpit-signature"]);
  });
  it("encodes a non-ASCII ntfy title as an RFC 2047 word and puts both buttons in Actions", () => {
    const req = ntfyRequest({ server: "https://ntfy.sh", topic: "ops" }, notice);
    expect(req.url).toBe("https://ntfy.sh/ops");
    expect(req.headers.Title).toMatch(/^=\?UTF-8\?B\?.+\?=$/);
    expect(Buffer.from(req.headers.Title!.slice(10, -2), "base64").toString("utf8")).toBe(`[CRITICAL] ${notice.title}`);
    expect(req.headers.Actions).toBe(`view, Acknowledge, ${notice.ackUrl}, clear=true; view, Open in Cockpit, ${notice.dashboardUrl}`);
    expect(req.headers.Priority).toBe("5");
  });
});
