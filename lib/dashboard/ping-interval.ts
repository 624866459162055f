import "server-only";

const DEFAULT_PING_INTERVAL_MS = 60_000;

/**
 * How often the hub pings dashboard sockets (the hub's PING_INTERVAL_MS, read from the web's environment, which
 * `npm start` shares with the hub). Browsers use it to spot a socket that died without a close.
 */
export function dashboardPingIntervalMs(): number {
  const value = Number(process.env.PING_INTERVAL_MS);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_PING_INTERVAL_MS;
}
