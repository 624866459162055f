import "server-only";
import type { AnyChannel } from "./channel-config";
import { deliverEmail } from "./channels/email-send";
import { formatRequest } from "./channels/format";
import { sendHttp, type DeliveryResult } from "./http-send";
import type { AlertNotice } from "./message";
import { deliverWebPush } from "./push/send";

export type { DeliveryResult } from "./http-send";

/** Sends one notification and classifies the answer; never throws. Email speaks SMTP, Web Push fans out to the channel's devices. */
export async function deliver(channelId: string, channel: AnyChannel, notice: AlertNotice, now = Date.now()): Promise<DeliveryResult> {
  switch (channel.type) {
    case "email":
      return deliverEmail(channel.config, notice);
    case "webpush":
      return deliverWebPush(channelId, channel.config, notice, now);
    default:
      return sendHttp(formatRequest(channel, notice), now);
  }
}
