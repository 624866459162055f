import { createHmac } from "node:crypto";
import type { AnyChannel, ChannelConfig } from "../channel-config";
import { SEVERITY_COLOURS, bodyText, headline, whereText, type AlertNotice } from "../message";

/** One HTTP request per notification; every channel is a pure function from notice to request. */
export type OutgoingRequest = { url: string; headers: Record<string, string>; body: string };
/** The channels that are one HTTP request to a service; email and Web Push have senders of their own. */
export type HttpChannel = Exclude<AnyChannel, { type: "email" | "webpush" }>;

const json = (url: string, payload: unknown, headers: Record<string, string> = {}): OutgoingRequest => ({
  url,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(payload),
});

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Slack incoming webhook: Block Kit header, section, context and link buttons; `text` is the notification fallback. */
export function slackRequest(c: ChannelConfig<"slack">, n: AlertNotice): OutgoingRequest {
  const buttons = [
    ...(n.ackUrl ? [{ type: "button", text: { type: "plain_text", text: "Acknowledge" }, url: n.ackUrl, style: "primary", action_id: "acknowledge" }] : []),
    { type: "button", text: { type: "plain_text", text: "Open in Cockpit" }, url: n.dashboardUrl, action_id: "open" },
  ];
  const where = whereText(n);
  return json(c.webhookUrl, {
    text: cut(headline(n), 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(headline(n), 150) } },
      { type: "section", text: { type: "mrkdwn", text: cut(bodyText(n), 3000) } },
      ...(where ? [{ type: "context", elements: [{ type: "mrkdwn", text: cut(where, 3000) }] }] : []),
      { type: "actions", elements: buttons },
    ],
  });
}

/** Discord webhook: one embed (title, description, colour, fields, timestamp); webhooks cannot carry buttons, so links go in the description. */
export function discordRequest(c: ChannelConfig<"discord">, n: AlertNotice): OutgoingRequest {
  const links = [n.ackUrl && `[Acknowledge](${n.ackUrl})`, `[Open in Cockpit](${n.dashboardUrl})`].filter(Boolean).join(" · ");
  const fields = [
    n.agentId && { name: "Agent", value: cut(n.agentId, 1024), inline: true },
    n.repoId && { name: "Repo", value: cut(n.repoId, 1024), inline: true },
    n.taskId && { name: "Task", value: cut(n.taskId, 1024), inline: true },
    n.event !== "test" && { name: "Since", value: n.since, inline: true },
  ].filter(Boolean);
  return json(c.webhookUrl, {
    username: "Cockpit",
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(headline(n), 256),
        description: cut(`${bodyText(n)}\n\n${links}`, 4096),
        url: n.dashboardUrl,
        color: SEVERITY_COLOURS[n.event === "resolve" ? "resolved" : n.severity] ?? SEVERITY_COLOURS.info,
        timestamp: new Date().toISOString(),
        fields,
        footer: { text: `Cockpit · ${n.event}` },
      },
    ],
  });
}

/** Non-ASCII header values as RFC 2047 encoded words, which ntfy decodes (HTTP headers are Latin-1 at best). */
function headerValue(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

const NTFY_PRIORITY: Record<string, string> = { critical: "5", warning: "4", info: "3" };
const NTFY_TAGS: Record<string, string> = { critical: "rotating_light", warning: "warning", info: "information_source" };

/** ntfy publish: the body is the message; Title, Priority, Tags, Click and Actions (view buttons) are headers. */
export function ntfyRequest(c: ChannelConfig<"ntfy">, n: AlertNotice): OutgoingRequest {
  const resolved = n.event === "resolve";
  // Commas and semicolons separate ntfy's action fields; our URLs never contain them unencoded.
  const actions = [n.ackUrl && `view, Acknowledge, ${n.ackUrl}, clear=true`, `view, Open in Cockpit, ${n.dashboardUrl}`].filter(Boolean).join("; ");
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    Title: headerValue(cut(headline(n), 250)),
    Priority: resolved || n.event === "test" ? "2" : (NTFY_PRIORITY[n.severity] ?? "3"),
    Tags: resolved ? "white_check_mark" : (NTFY_TAGS[n.severity] ?? "bell"),
    Click: n.dashboardUrl,
    Actions: actions,
  };
  if (c.token) headers.Authorization = `Bearer ${c.token}`;
  return { url: `${c.server.replace(/\/+$/, "")}/${c.topic}`, headers, body: cut(bodyText(n), 4000) };
}

/** Telegram Bot API sendMessage: plain text and an inline keyboard of URL buttons. */
export function telegramRequest(c: ChannelConfig<"telegram">, n: AlertNotice): OutgoingRequest {
  const row = [...(n.ackUrl ? [{ text: "Acknowledge", url: n.ackUrl }] : []), { text: "Open in Cockpit", url: n.dashboardUrl }];
  return json(`${c.apiBase.replace(/\/+$/, "")}/bot${c.botToken}/sendMessage`, {
    chat_id: c.chatId,
    text: cut(`${headline(n)}\n\n${bodyText(n)}`, 4096),
    link_preview_options: { is_disabled: true },
    reply_markup: { inline_keyboard: [row] },
  });
}

export const WEBHOOK_SIGNATURE_HEADER = "x-cockpit-signature";
export const WEBHOOK_TIMESTAMP_HEADER = "x-cockpit-timestamp";
export const WEBHOOK_DELIVERY_HEADER = "x-cockpit-delivery";

/** HMAC-SHA256 over `${timestamp}.${body}`, hex, as `sha256=<hex>`; receivers should refuse an old timestamp. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Generic JSON webhook, signed; X-Cockpit-Delivery is stable across retries so a receiver can drop a repeat. */
export function webhookRequest(c: ChannelConfig<"webhook">, n: AlertNotice, now = Date.now()): OutgoingRequest {
  const body = JSON.stringify({
    type: `alert.${n.event}`,
    deliveryId: n.deliveryId,
    alert: {
      id: n.alertId,
      severity: n.severity,
      title: n.title,
      message: n.message,
      source: n.source,
      agentId: n.agentId,
      taskId: n.taskId,
      repoId: n.repoId,
      count: n.count,
      since: n.since,
    },
    links: { dashboard: n.dashboardUrl, acknowledge: n.ackUrl },
    sentAt: new Date(now).toISOString(),
  });
  const timestamp = String(Math.floor(now / 1000));
  return {
    url: c.url,
    headers: {
      "content-type": "application/json",
      [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
      [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(c.secret, timestamp, body),
      [WEBHOOK_DELIVERY_HEADER]: n.deliveryId,
    },
    body,
  };
}

export function formatRequest(channel: HttpChannel, n: AlertNotice): OutgoingRequest {
  switch (channel.type) {
    case "slack":
      return slackRequest(channel.config, n);
    case "discord":
      return discordRequest(channel.config, n);
    case "ntfy":
      return ntfyRequest(channel.config, n);
    case "telegram":
      return telegramRequest(channel.config, n);
    case "webhook":
      return webhookRequest(channel.config, n);
  }
}
