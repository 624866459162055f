import { describe, expect, it } from "vitest";
import { emailConfigSchema } from "@/lib/notify/channels/email-config";
import { emailMessage } from "@/lib/notify/channels/email-format";
import { classifySmtpFailure, smtpReason, smtpTransportOptions } from "@/lib/notify/channels/email-send";
import type { AlertNotice } from "@/lib/notify/message";

const notice: AlertNotice = {
  event: "repeat",
  deliveryId: "d1",
  alertId: "alert_1",
  severity: "warning",
  title: "Agent lost\r\nBcc: evil@example.test",
  message: "<script>alert(1)</script>",
  source: "hub",
  agentId: "mac-1",
  taskId: null,
  repoId: null,
  count: 3,
  since: "2026-03-01T10:00:00.000Z",
  openMinutes: 40,
  dashboardUrl: "https://c.example/alerts/alert_1",
  ackUrl: "https://c.example/ack?t=ack1.a%22b",
};

describe("email message", () => {
  it("keeps the subject on one line, names severity, what and where, and escapes the HTML part", () => {
    const m = emailMessage(notice);
    expect(m.subject).toBe("[WARNING] Still open for 40 min: Agent lost Bcc: evil@example.test — agent mac-1 · source hub");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;");
    expect(m.html).toContain('href="https://c.example/ack?t=ack1.a%22b"');
    expect(m.text).toContain("Since: 2026-03-01T10:00:00.000Z (3 times)");
    expect(m.text).toContain("Acknowledge: https://c.example/ack?t=ack1.a%22b");
  });

  it("a resolve carries no acknowledge link", () => {
    const m = emailMessage({ ...notice, event: "resolve", ackUrl: null });
    expect(m.subject.startsWith("[RESOLVED] ")).toBe(true);
    expect(m.text).not.toContain("Acknowledge");
    expect(m.html).not.toContain("Acknowledge");
  });
});

describe("SMTP outcomes", () => {
  it("retries 4xx replies and network failures, gives up on 5xx and on refused settings", () => {
    expect(classifySmtpFailure({ responseCode: 421 })).toEqual({ kind: "retry", afterMs: null });
    expect(classifySmtpFailure({ responseCode: 452 })).toEqual({ kind: "retry", afterMs: null });
    expect(classifySmtpFailure({ responseCode: 550 })).toEqual({ kind: "failed" });
    expect(classifySmtpFailure({ responseCode: 535, code: "EAUTH" })).toEqual({ kind: "failed" });
    expect(classifySmtpFailure({ code: "ECONNECTION" })).toEqual({ kind: "retry", afterMs: null });
    expect(classifySmtpFailure({ code: "ETIMEDOUT" })).toEqual({ kind: "retry", afterMs: null });
    expect(classifySmtpFailure({ code: "ETLS" })).toEqual({ kind: "failed" });
  });

  it("says what the server said, on one line, never the password", () => {
    expect(smtpReason({ responseCode: 535, response: "535 5.7.8 bad pass hunter22\r\nmore" }, "hunter22")).toBe("SMTP 535: 535 5.7.8 bad pass •••• more");
  });

  it("maps the security setting onto the transport and defaults to STARTTLS on 587", () => {
    const c = emailConfigSchema.parse({ host: "smtp.example.com", from: "a@example.com", to: "b@example.com, c@example.com" });
    expect(c).toMatchObject({ port: 587, security: "starttls", to: ["b@example.com", "c@example.com"] });
    expect(smtpTransportOptions(c)).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false, auth: undefined });
    expect(smtpTransportOptions({ ...c, security: "tls", port: 465 })).toMatchObject({ secure: true, requireTLS: false });
    expect(emailConfigSchema.safeParse({ host: "smtp.example.com", from: "Evil\r\nBcc: x <a@example.com>", to: "b@example.com" }).success).toBe(false);
  });
});
