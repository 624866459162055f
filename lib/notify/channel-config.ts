import { z } from "zod";
import { emailConfigSchema, redactEmail } from "./channels/email-config";
import { webPushConfigSchema } from "./channels/webpush-config";

/** Each channel type's settings, validated at the REST edge and stored sealed. One schema per type. */
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048);
const secretText = z.string().trim().min(1).max(512);

export const channelConfigSchemas = {
  slack: z.object({ webhookUrl: httpUrl }).strict(),
  discord: z.object({ webhookUrl: httpUrl }).strict(),
  ntfy: z
    .object({
      server: httpUrl.default("https://ntfy.sh"),
      topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "letters, digits, - and _ (at most 64)"),
      token: secretText.optional(),
    })
    .strict(),
  telegram: z
    .object({
      botToken: secretText,
      chatId: z.union([z.string().trim().min(1).max(64), z.number().int()]),
      apiBase: httpUrl.default("https://api.telegram.org"),
    })
    .strict(),
  webhook: z.object({ url: httpUrl, secret: z.string().min(16, "at least 16 characters").max(512) }).strict(),
  email: emailConfigSchema,
  webpush: webPushConfigSchema,
} as const;

export const CHANNEL_TYPES = Object.keys(channelConfigSchemas) as (keyof typeof channelConfigSchemas)[];
export type ChannelType = keyof typeof channelConfigSchemas;
export type ChannelConfig<T extends ChannelType = ChannelType> = z.infer<(typeof channelConfigSchemas)[T]>;
export type AnyChannel = { [T in ChannelType]: { type: T; config: ChannelConfig<T> } }[ChannelType];

export function parseChannelConfig(type: ChannelType, value: unknown) {
  return channelConfigSchemas[type].safeParse(value);
}

/** Never the whole secret: the last four characters, enough to tell two channels apart. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? "••••" : `••••${value.slice(-4)}`;
}

function maskUrl(value: string): string {
  try {
    const u = new URL(value);
    return `${u.protocol}//${u.host}/${maskSecret(u.pathname + u.search)}`;
  } catch {
    return maskSecret(value);
  }
}

/** The config as REST and the page show it: URLs that carry a secret and tokens are masked. */
export function redactChannel(c: AnyChannel): Record<string, unknown> {
  switch (c.type) {
    case "slack":
    case "discord":
      return { webhookUrl: maskUrl(c.config.webhookUrl) };
    case "ntfy":
      return { server: c.config.server, topic: c.config.topic, token: c.config.token ? maskSecret(c.config.token) : undefined };
    case "telegram":
      return { botToken: maskSecret(c.config.botToken), chatId: c.config.chatId, apiBase: c.config.apiBase };
    case "webhook":
      return { url: maskUrl(c.config.url), secret: maskSecret(c.config.secret) };
    case "email":
      return redactEmail(c.config, maskSecret);
    case "webpush":
      return { ...c.config };
  }
}
