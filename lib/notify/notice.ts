import "server-only";
import type { AlertRow } from "../db/serialize";
import { env, publicUrl } from "../env";
import { mintAckToken } from "./ack-link";
import type { AlertNotice, NotifyEvent } from "./message";

/** The notice for one outbox row: links to the alert's page and, while it can still be acknowledged, a signed ack link. */
export async function noticeFor(alert: AlertRow, event: NotifyEvent, deliveryId: string, now = Date.now()): Promise<AlertNotice> {
  const e = env();
  const since = alert.triggeredAt ?? alert.createdAt;
  const canAck = event !== "resolve" && alert.status === "open";
  return {
    event,
    deliveryId,
    alertId: alert.id,
    severity: alert.severity,
    title: alert.title,
    message: alert.message,
    source: alert.source,
    agentId: alert.agentId,
    taskId: alert.taskId,
    repoId: alert.repoId,
    count: alert.count,
    since: new Date(since).toISOString(),
    openMinutes: Math.max(0, Math.floor((now - since) / 60_000)),
    dashboardUrl: `${publicUrl()}/alerts/${encodeURIComponent(alert.id)}`,
    ackUrl: canAck ? `${publicUrl()}/ack?t=${encodeURIComponent(await mintAckToken(e.COCKPIT_SECRET, alert.id, e.ACK_LINK_TTL_MS, now))}` : null,
  };
}

/** A test message for a channel, not about any alert. */
export function testNotice(channelId: string): AlertNotice {
  const now = new Date().toISOString();
  return {
    event: "test",
    deliveryId: `test:${channelId}:${now}`,
    alertId: "test",
    severity: "info",
    title: "Cockpit test notification",
    message: null,
    source: null,
    agentId: null,
    taskId: null,
    repoId: null,
    count: 1,
    since: now,
    openMinutes: 0,
    dashboardUrl: `${publicUrl()}/alerts`,
    ackUrl: null,
  };
}
