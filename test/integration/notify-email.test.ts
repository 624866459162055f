/**
 * Email over SMTP through the real outbox: a real database file, the notifier's own send pass, nodemailer, and a real
 * SMTP server with AUTH that parses what arrives. No web or hub: the channel is the web's code, and this is all of it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpReceiver, type ReceivedMail } from "../helpers/smtp-receiver";

const SECRET = "email-test-secret-0123456789abcdef";
const PASSWORD = "smtp-pass-S3CRET-value";
const dir = mkdtempSync(join(tmpdir(), "cockpit-email-"));
// Before any module reads the environment (env() is read lazily and cached).
Object.assign(process.env, { DATABASE_URL: `file:${join(dir, "cockpit.db")}`, COCKPIT_SECRET: SECRET, PUBLIC_URL: "https://cockpit.example.test" });

const { getDb } = await import("@/lib/db/client");
const { runMigrations } = await import("@/lib/db/migrate");
const { notifyDeliveries, notifyOutbox } = await import("@/lib/db/schema");
const { raiseAlert } = await import("@/lib/alerts/raise");
const { verifyAckToken } = await import("@/lib/notify/ack-link");
const { parseChannelConfig } = await import("@/lib/notify/channel-config");
const { channelJson, createChannel, createRule } = await import("@/lib/notify/store");
const { sendDueNotifications } = await import("@/lib/notify/sender");
const { deliver } = await import("@/lib/notify/deliver");
const { testNotice } = await import("@/lib/notify/notice");

let smtp: SmtpReceiver;
let channelId: string;
const SENDER = { leaseMs: 30_000, retryBaseMs: 0 };

async function raise(title: string) {
  const db = await getDb();
  const out = await db.transaction((tx) => raiseAlert(tx, { severity: "critical", title, message: "disk <full> & smoking", agentId: "mac-9", repoId: "api", taskId: "t-42" }));
  return out.row!;
}
const aboutAlert = (id: string) => (m: ReceivedMail) => m.mail.headers.get("x-cockpit-alert") === id;
async function outboxFor(alertId: string) {
  const db = await getDb();
  const [row] = await db.select().from(notifyOutbox).where(eq(notifyOutbox.alertId, alertId));
  const log = await db.select().from(notifyDeliveries).where(eq(notifyDeliveries.alertId, alertId));
  return { row: row!, log: log.map((d) => ({ result: d.result, error: d.error })) };
}

beforeAll(async () => {
  smtp = await SmtpReceiver.start("cockpit@example.test", PASSWORD);
  await runMigrations();
  const parsed = parseChannelConfig("email", {
    host: "127.0.0.1",
    port: String(smtp.port),
    security: "none",
    user: "cockpit@example.test",
    password: PASSWORD,
    from: "Cockpit <alerts@example.test>",
    to: "oncall@example.test, lead@example.test",
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  channelId = (await createChannel({ name: "mail", channel: { type: "email", config: parsed.data } as never })).id;
  await createRule({ name: "criticals by mail", severities: ["critical"], sources: [], agentIds: [], kinds: [], channelIds: [channelId], repeatMinutes: null, escalateAfterMinutes: null, escalateChannelIds: [], enabled: true });
});
afterAll(async () => {
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("email channel", () => {
  it("validates the settings, naming the field, and never shows the password", async () => {
    const bad = parseChannelConfig("email", { host: "smtp.example.test", from: "alerts@example.test", to: "not-an-address" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["to", 0]);
    const lonely = parseChannelConfig("email", { host: "smtp.example.test", from: "a@example.test", to: ["b@example.test"], user: "u" });
    expect(lonely.error?.issues[0]?.path).toEqual(["password"]);
    const db = await getDb();
    const row = (await db.query.notifyChannels.findFirst({ where: (c, { eq: is }) => is(c.id, channelId) }))!;
    expect(row.configSealed).not.toContain(PASSWORD);
    const shown = JSON.stringify(channelJson(row));
    expect(shown).not.toContain(PASSWORD);
    expect(channelJson(row).config).toMatchObject({ host: "127.0.0.1", security: "none", user: "cockpit@example.test", password: "••••alue", to: ["oncall@example.test", "lead@example.test"] });
  });

  it("sends an alert through the outbox: envelope, AUTH, subject, both parts and the signed links", async () => {
    const alert = await raise("Build box on fire");
    await sendDueNotifications(await getDb(), SENDER);
    const got = await smtp.next(aboutAlert(alert.id));
    expect(got.user).toBe("cockpit@example.test");
    expect(got.from).toBe("alerts@example.test");
    expect(got.to).toEqual(["oncall@example.test", "lead@example.test"]);
    expect(got.mail.subject).toBe("[CRITICAL] Build box on fire — agent mac-9 · repo api · task t-42");
    const text = got.mail.text ?? "";
    const html = typeof got.mail.html === "string" ? got.mail.html : "";
    expect(text).toContain("disk <full> & smoking");
    expect(html).toContain("disk &lt;full&gt; &amp; smoking");
    expect(text).toContain(`Since: ${new Date(alert.triggeredAt ?? alert.createdAt).toISOString()}`);
    const dashboard = `https://cockpit.example.test/alerts/${alert.id}`;
    expect(text).toContain(`Open in Cockpit: ${dashboard}`);
    expect(html).toContain(`href="${dashboard}"`);
    const ack = /Acknowledge: (https:\/\/cockpit\.example\.test\/ack\?t=(\S+))/.exec(text);
    expect(ack).not.toBeNull();
    expect(html).toContain(`href="${ack![1]}"`);
    const verdict = await verifyAckToken(SECRET, decodeURIComponent(ack![2]!));
    expect(verdict).toMatchObject({ ok: true, claims: { alertId: alert.id } });
    expect((await outboxFor(alert.id)).row.status).toBe("sent");
  });

  it("retries a 4xx reply through the outbox and delivers once", async () => {
    smtp.failNext(451, "4.3.0 Mailbox temporarily unavailable");
    const alert = await raise("Transient mail trouble");
    await sendDueNotifications(await getDb(), SENDER);
    const first = await outboxFor(alert.id);
    expect(first.row).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.log).toEqual([{ result: "retry", error: expect.stringMatching(/^SMTP 451: .*temporarily unavailable/) }]);
    await sendDueNotifications(await getDb(), SENDER);
    await smtp.next(aboutAlert(alert.id));
    const after = await outboxFor(alert.id);
    expect(after.row).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.mails.filter(aboutAlert(alert.id))).toHaveLength(1);
  });

  it("gives up on a 5xx reply at once instead of retrying it", async () => {
    smtp.failNext(550, "5.1.1 Mailbox does not exist");
    const alert = await raise("Permanent mail trouble");
    await sendDueNotifications(await getDb(), SENDER);
    const { row, log } = await outboxFor(alert.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(log).toEqual([{ result: "failed", error: expect.stringMatching(/^SMTP 550: .*does not exist/) }]);
    // Nothing is left due for it: another pass claims no row.
    expect(await sendDueNotifications(await getDb(), SENDER)).toBe(0);
  });

  it("the test send reports a refused login as a failure, with the server's words and no password", async () => {
    const parsed = parseChannelConfig("email", { host: "127.0.0.1", port: smtp.port, security: "none", user: "cockpit@example.test", password: "wrong-password", from: "a@example.test", to: ["b@example.test"] });
    const result = await deliver("ch_test", { type: "email", config: parsed.data! } as never, testNotice("ch_test"));
    expect(result.verdict).toEqual({ kind: "failed" });
    expect(result.error).toMatch(/^SMTP 535: /);
    expect(result.error).not.toContain("wrong-password");
    const ok = await deliver("ch_test", { type: "email", config: { ...parsed.data!, password: PASSWORD } } as never, testNotice("ch_test"));
    expect(ok).toMatchObject({ verdict: { kind: "sent" }, error: null });
    const mail = await smtp.next((m) => m.mail.subject === "Cockpit test notification");
    expect(mail.mail.text).toContain("This channel is set up");
  });
});
