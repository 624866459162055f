import "server-only";
import nodemailer from "nodemailer";
import type { DeliveryResult } from "../http-send";
import type { AlertNotice } from "../message";
import type { SendVerdict } from "../rules";
import type { EmailConfig } from "./email-config";
import { emailMessage } from "./email-format";

const SMTP_TIMEOUT_MS = 10_000;

/** Errors nodemailer reports before the server said anything: the network, worth another try later. */
const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

export type SmtpFailure = { responseCode?: number; code?: string; response?: string; message?: string };

/** A 4xx reply is the server's "try again later" (RFC 5321); a 5xx is final; no reply at all is the network's fault. */
export function classifySmtpFailure(f: SmtpFailure): SendVerdict {
  if (typeof f.responseCode === "number") {
    if (f.responseCode >= 400 && f.responseCode < 500) return { kind: "retry", afterMs: null };
    return { kind: "failed" };
  }
  return f.code && TRANSIENT_CODES.has(f.code) ? { kind: "retry", afterMs: null } : { kind: "failed" };
}

/** What the server said, on one line and short, without the password (nodemailer never echoes it; the reply could). */
export function smtpReason(f: SmtpFailure, password?: string): string {
  const said = (f.response ?? f.message ?? "SMTP failure").replace(/[\r\n]+/g, " ").slice(0, 200);
  const clean = password ? said.split(password).join("••••") : said;
  return typeof f.responseCode === "number" ? `SMTP ${f.responseCode}: ${clean}` : f.code ? `${f.code}: ${clean}` : clean;
}

export function smtpTransportOptions(c: EmailConfig) {
  return {
    host: c.host,
    port: c.port,
    secure: c.security === "tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "none",
    auth: c.user && c.password ? { user: c.user, pass: c.password } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Sends one notification by email and classifies the outcome like an HTTP reply; never throws. */
export async function deliverEmail(c: EmailConfig, n: AlertNotice): Promise<DeliveryResult> {
  const transport = nodemailer.createTransport(smtpTransportOptions(c));
  const m = emailMessage(n);
  try {
    const info = await transport.sendMail({
      from: c.from,
      to: c.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      // Stable across retries, so a mail client can tell a repeat of the same delivery.
      messageId: `<${n.deliveryId.replace(/[^A-Za-z0-9._-]/g, ".")}@cockpit>`,
      headers: { "X-Cockpit-Delivery": n.deliveryId, "X-Cockpit-Alert": n.alertId },
    });
    const rejected = (info.rejected ?? []).map(String);
    return { verdict: { kind: "sent" }, httpStatus: null, error: rejected.length ? `refused by the server for ${rejected.join(", ")}` : null };
  } catch (error) {
    const f = (error ?? {}) as SmtpFailure;
    return { verdict: classifySmtpFailure(f), httpStatus: null, error: smtpReason(f, c.password) };
  } finally {
    transport.close();
  }
}
