import { bodyText, headline, type AlertNotice } from "../message";

/**
 * What the service worker shows (public/sw.js reads these fields). An aes128gcm record holds at most 4,096 bytes and
 * push services refuse more, so the body is cut until the whole payload fits.
 */
export type PushPayload = {
  title: string;
  body: string;
  severity: string;
  event: string;
  alertId: string;
  /** The alert's page, opened by a click on the notification. */
  url: string;
  /** The signed acknowledge link, opened by the Acknowledge action; null for resolves and tests. */
  ackUrl: string | null;
  /** Notifications with the same tag replace each other on the device (a repeat replaces the trigger). */
  tag: string;
};

export const MAX_PUSH_PAYLOAD_BYTES = 3_000;

export function pushPayload(n: AlertNotice): PushPayload {
  return {
    title: headline(n).slice(0, 200),
    body: bodyText(n),
    severity: n.event === "resolve" ? "resolved" : n.severity,
    event: n.event,
    alertId: n.alertId,
    url: n.dashboardUrl,
    ackUrl: n.ackUrl,
    tag: `cockpit-alert-${n.alertId}`,
  };
}

export function encodePushPayload(n: AlertNotice): string {
  const p = pushPayload(n);
  let text = JSON.stringify(p);
  while (Buffer.byteLength(text) > MAX_PUSH_PAYLOAD_BYTES && p.body.length > 0) {
    p.body = `${p.body.slice(0, Math.max(0, p.body.length - Math.ceil((Buffer.byteLength(text) - MAX_PUSH_PAYLOAD_BYTES) / 2) - 8))}…`;
    if (p.body === "…") p.body = "";
    text = JSON.stringify(p);
  }
  return text;
}
