import { z } from "zod";
import { idSchema } from "@/lib/protocol";

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+=*$/, `${what}: base64url`)
    .refine((v) => Buffer.from(v, "base64url").length === bytes, `${what}: must decode to ${bytes} bytes`);

/** A browser's PushSubscription.toJSON(), as the device sends it; the endpoint is where the push service takes messages. */
export const pushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    // The device's P-256 public key, uncompressed (65 bytes), and its 16-byte auth secret (RFC 8291).
    p256dh: base64url(65, "p256dh").refine((v) => Buffer.from(v, "base64url")[0] === 4, "p256dh: must be an uncompressed P-256 point"),
    auth: base64url(16, "auth"),
  }),
});

export const subscribeBody = z.object({
  channelId: idSchema,
  deviceName: z.string().trim().min(1).max(100),
  subscription: pushSubscriptionInput,
});

/** Revoke a device by id (the page), or unsubscribe this device by its endpoint (the device itself). */
export const unsubscribeBody = z.union([z.object({ id: idSchema }).strict(), z.object({ endpoint: z.string().min(1).max(2048) }).strict()]);
