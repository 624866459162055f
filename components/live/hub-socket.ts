import PartySocket from "partysocket";

type SocketToken = { token: string; hubUrl: string; pingIntervalMs?: number };

/** The hub pings dashboards this often unless the web says otherwise. */
const DEFAULT_PING_INTERVAL_MS = 60_000;

export type HubSocket = { socket: PartySocket; pingIntervalMs: number };

export class SignedOutError extends Error {}

/** Asks the web for a fresh one-minute socket token; the session cookie proves who we are. */
async function fetchSocketToken(): Promise<SocketToken> {
  const res = await fetch("/api/auth/socket-token", { cache: "no-store", credentials: "same-origin" });
  if (res.status === 401 || res.status === 403) throw new SignedOutError("session expired");
  if (!res.ok) throw new Error(`socket token: HTTP ${res.status}`);
  return (await res.json()) as SocketToken;
}

/**
 * Opens the dashboard socket. The hub address comes with the first token; every (re)connect fetches a new
 * token through partysocket's async query, so an expired token never blocks a reconnect.
 */
export async function openHubSocket(onSignedOut: () => void): Promise<HubSocket> {
  const first = await fetchSocketToken();
  const url = new URL(first.hubUrl);
  let pending: SocketToken | null = first;
  const socket = new PartySocket({
    host: url.host,
    protocol: url.protocol === "wss:" ? "wss" : "ws",
    party: "main",
    room: "cockpit",
    minReconnectionDelay: 500,
    maxReconnectionDelay: 5_000,
    reconnectionDelayGrowFactor: 1.5,
    connectionTimeout: 5_000,
    query: async () => {
      const use =
        pending ??
        (await fetchSocketToken().catch((error: unknown) => {
          if (error instanceof SignedOutError) onSignedOut();
          throw error;
        }));
      pending = null;
      return { token: use.token };
    },
  });
  const ping = first.pingIntervalMs;
  return { socket, pingIntervalMs: typeof ping === "number" && ping > 0 ? ping : DEFAULT_PING_INTERVAL_MS };
}
