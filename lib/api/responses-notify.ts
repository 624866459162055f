import { z } from "zod";
import type { channelJson, ruleJson } from "../notify/store";
import type { subscriptionJson } from "../notify/push/store";
import type { silenceJson } from "../alerts/silence-json";
import type { AlertDetailJson } from "../dashboard/types";
import { CHANNEL_TYPES, type ChannelType } from "../notify/channel-config";
import { ALERT_SEVERITIES } from "../protocol/constants";
import { alertResponse } from "./responses";

/** Response shapes of the alert lifecycle and notification routes (see responses.ts for the older ones). */

const isoTime = z.iso.datetime();
const nullableIso = isoTime.nullable();
const int = z.number().int();

export const channelResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(CHANNEL_TYPES as [ChannelType, ...ChannelType[]]),
    enabled: z.boolean(),
    quietHours: z.string().nullable(),
    quietTimeZone: z.string().nullable(),
    config: z.record(z.string(), z.unknown()).nullable().describe("secrets masked; null when it cannot be decrypted (COCKPIT_SECRET changed)"),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: "Channel" });

export const ruleResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    severities: z.array(z.enum(ALERT_SEVERITIES)),
    sources: z.array(z.string()),
    agentIds: z.array(z.string()),
    kinds: z.array(z.string()),
    channelIds: z.array(z.string()),
    repeatMinutes: int.nullable(),
    escalateAfterMinutes: int.nullable(),
    escalateChannelIds: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: "NotificationRule" });

export const pushSubscriptionResponse = z
  .object({
    id: z.string(),
    channelId: z.string(),
    deviceName: z.string(),
    pushService: z.string().describe("the push service's origin; the endpoint itself is never returned"),
    createdAt: isoTime,
    lastUsedAt: nullableIso.describe("the last push the service accepted for this device"),
    lastError: z.string().nullable(),
  })
  .meta({ id: "PushSubscription" });
export const silenceResponse = z
  .object({
    id: z.string(),
    agentId: z.string().nullable(),
    kind: z.string().nullable(),
    source: z.string().nullable(),
    tag: z.string().nullable(),
    startsAt: isoTime,
    endsAt: isoTime,
    comment: z.string(),
    createdBy: z.string(),
    createdAt: isoTime,
    expiredBy: z.string().nullable(),
    state: z.enum(["pending", "active", "expired"]),
  })
  .meta({ id: "Silence" });

const alertDetail = z.object({
  alert: alertResponse,
  events: z.array(z.object({ id: int, type: z.string(), actor: z.string().nullable(), message: z.string().nullable(), at: nullableIso })),
  deliveries: z.array(
    z.object({
      id: int,
      channelId: z.string(),
      channelName: z.string().nullable(),
      channelType: z.string().nullable(),
      event: z.string(),
      result: z.string(),
      httpStatus: int.nullable(),
      error: z.string().nullable(),
      at: nullableIso,
    }),
  ),
  outbox: z.array(
    z.object({ id: int, channelId: z.string(), event: z.string(), status: z.string(), attempts: int, nextAttemptAt: nullableIso, sentAt: nullableIso }),
  ),
});

export const notifyResponses = {
  /** POST /alerts: a trigger says what it did; an acknowledge or resolve by dedupKey says whether it changed anything. */
  alertEvent: z.union([
    z.object({ alert: alertResponse, outcome: z.enum(["created", "repeated", "reopened"]) }),
    z.object({ alert: alertResponse, changed: z.boolean() }),
  ]),
  alertDetail,
  alertResolved: z.object({ alert: alertResponse, alreadyResolved: z.boolean() }),
  alertBulk: z.object({ changed: z.array(alertResponse), unchanged: z.array(z.string()), missing: z.array(z.string()) }),
  channelList: z.object({ channels: z.array(channelResponse) }),
  channelOne: z.object({ channel: channelResponse }),
  channelTest: z.object({ ok: z.boolean(), httpStatus: int.nullable(), error: z.string().nullable() }),
  ruleList: z.object({ rules: z.array(ruleResponse) }),
  ruleOne: z.object({ rule: ruleResponse }),
  deleted: z.object({ deleted: z.string() }),
  pushKey: z.object({ publicKey: z.string().describe("VAPID public key, base64url (an uncompressed P-256 point): pushManager.subscribe's applicationServerKey") }),
  pushSubscriptionList: z.object({ subscriptions: z.array(pushSubscriptionResponse) }),
  pushSubscriptionOne: z.object({ subscription: pushSubscriptionResponse }),
  silenceList: z.object({ silences: z.array(silenceResponse) }),
  silenceOne: z.object({ silence: silenceResponse }),
  silenceExpired: z.object({ silence: silenceResponse, changed: z.boolean() }),
} as const;

/** Compile-time: the serializers and their schemas name the same fields. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
export type NotifySerializersMatchSchemas = [
  Assert<SameKeys<ReturnType<typeof channelJson>, z.input<typeof channelResponse>>>,
  Assert<SameKeys<ReturnType<typeof ruleJson>, z.input<typeof ruleResponse>>>,
  Assert<SameKeys<AlertDetailJson, z.input<typeof alertDetail>>>,
  Assert<SameKeys<ReturnType<typeof subscriptionJson>, z.input<typeof pushSubscriptionResponse>>>,
  Assert<SameKeys<ReturnType<typeof silenceJson>, z.input<typeof silenceResponse>>>,
];
