import "server-only";
import { getDb } from "../db/client";
import { alertJson } from "../db/serialize";
import { iso } from "../http/time";
import type { AlertDetailJson } from "../dashboard/types";
import { listDeliveries } from "../notify/store";
import { listAlertEvents } from "./events";
import { findAlert } from "./lifecycle";

/** One alert with its timeline and delivery log, as REST and the detail page show it; null when there is no such alert. */
export async function loadAlertDetail(id: string): Promise<AlertDetailJson | null> {
  const db = await getDb();
  const alert = await findAlert(db, id);
  if (!alert) return null;
  const events = await listAlertEvents(db, id);
  const { deliveries, outbox } = await listDeliveries(id);
  return {
    alert: alertJson(alert),
    events: events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, message: e.message, at: iso(e.createdAt) })),
    deliveries,
    outbox,
  };
}
