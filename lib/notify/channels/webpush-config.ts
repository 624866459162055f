import { z } from "zod";

/**
 * Web Push: the channel holds no secret of its own. Its devices are the subscriptions made on the Notifications page,
 * and the VAPID key pair is derived from COCKPIT_SECRET (lib/notify/push/vapid.ts).
 */
export const webPushConfigSchema = z
  .object({
    /** The VAPID `sub` claim: how a push service reaches the operator (mailto: or https:). */
    subject: z
      .string()
      .max(256)
      .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, "a mailto: address or an https: URL")
      .default("mailto:cockpit@localhost.localdomain"),
    /** How long a push service keeps a message for a device that is offline. */
    ttlSeconds: z.coerce
      .number()
      .int()
      .min(0)
      .max(28 * 86400)
      .default(86400),
  })
  .strict();

export type WebPushConfig = z.infer<typeof webPushConfigSchema>;
