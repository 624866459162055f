import "server-only";
import { env } from "../env";

/** How often the hub pings dashboard sockets (PING_INTERVAL_MS, validated with the rest of the web's settings). */
export function dashboardPingIntervalMs(): number {
  return env().PING_INTERVAL_MS;
}
