import ReconnectingWebSocket from "partysocket/ws";
import WebSocket from "ws";
import { agentFrame, ROOM_PATH, type AgentFrame } from "../lib/protocol";
import type { Logger } from "./log";

export type ConnectionOptions = {
  hubUrl: string;
  key: string;
  log: Logger;
  onOpen: () => void;
  onMessage: (data: unknown) => void;
  onClose: (code: number, reason: string) => void;
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Reconnect when the hub has sent nothing (not even a ping) for this long: the socket is likely dead. */
  silenceTimeoutMs?: number;
};

/** The room's native URL; the key travels in the Authorization header, never in the URL (proxies log URLs). */
export function roomUrl(hubUrl: string): string {
  return `${hubUrl}${ROOM_PATH}`;
}

/** What the hub's close code means for the operator. */
export function describeClose(code: number, reason: string): string {
  if (code === 4001) return "the hub refused the key (4001 unauthorized); check --key / COCKPIT_KEY";
  if (code === 4003) return "the key lacks the agent role (4003 forbidden)";
  if (code === 4000) return "replaced by a newer connection with the same agent id (is another agent running as this id?)";
  if (code === 1008) return `closed for policy violation: ${reason || "too many invalid frames"}`;
  return `closed (${code}${reason ? ` ${reason}` : ""})`;
}

/** The hub answered the upgrade with an HTTP error instead of a socket. */
export function describeRefusal(status: number): string {
  if (status === 401) return "the hub refused the key (HTTP 401); check --key / COCKPIT_KEY";
  if (status === 403) return "the key lacks the agent role (HTTP 403)";
  return `the hub refused the connection (HTTP ${status})`;
}

/**
 * A partysocket connection that reconnects forever with exponential backoff plus random jitter (so a fleet of
 * agents does not stampede a restarted hub). Frames are validated before sending; nothing is queued while
 * disconnected, because the agent resends its whole state after every reconnect.
 */
export class HubConnection {
  private readonly socket: ReconnectingWebSocket;
  private attempts = 0;
  private lastHeardAt = Date.now();
  private readonly watchdog: ReturnType<typeof setInterval>;
  private closed = false;
  private lastError = "";

  constructor(private readonly o: ConnectionOptions) {
    const key = o.key;
    // partysocket constructs its socket as `new WebSocket(url, protocols)`; this subclass adds the header.
    class AuthorizedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Authorization: `Bearer ${key}` }, maxPayload: 4 * 1024 * 1024 });
      }
    }
    const minDelay = o.minReconnectDelayMs ?? 1000;
    const maxDelay = o.maxReconnectDelayMs ?? 30_000;
    const url = roomUrl(o.hubUrl);
    this.socket = new ReconnectingWebSocket(
      async () => {
        this.attempts += 1;
        if (this.attempts > 1) {
          const backoff = Math.min(maxDelay, minDelay * 1.5 ** (this.attempts - 2));
          await new Promise((r) => setTimeout(r, Math.random() * backoff * 0.5));
        }
        return url;
      },
      [],
      {
        WebSocket: AuthorizedWebSocket,
        minReconnectionDelay: minDelay,
        maxReconnectionDelay: maxDelay,
        reconnectionDelayGrowFactor: 1.5,
        maxRetries: Infinity,
        maxEnqueuedMessages: 0,
        connectionTimeout: 10_000,
      },
    );
    this.socket.addEventListener("open", () => {
      this.attempts = 0;
      this.lastError = "";
      this.lastHeardAt = Date.now();
      o.log.info(`connected to ${url}`);
      o.onOpen();
    });
    this.socket.addEventListener("message", (event) => {
      this.lastHeardAt = Date.now();
      o.onMessage(event.data);
    });
    this.socket.addEventListener("close", (event) => {
      if (this.closed) return;
      o.onClose(event.code, event.reason);
      // partysocket dispatches a failed attempt's close before its error; log once both are known.
      queueMicrotask(() => {
        const refused = /Unexpected server response: (\d+)/.exec(this.lastError)?.[1];
        const what = refused
          ? describeRefusal(Number(refused))
          : this.lastError
            ? `cannot reach the hub at ${url}: ${this.lastError}`
            : `hub connection ${describeClose(event.code, event.reason)}`;
        o.log.warn(`${what}; reconnecting`);
        this.lastError = "";
      });
    });
    this.socket.addEventListener("error", (event) => {
      this.lastError = event.message || event.error?.message || "connection failed";
      if (!this.closed) o.log.debug(`hub connection error: ${this.lastError}`);
    });
    const silence = o.silenceTimeoutMs ?? 180_000;
    this.watchdog = setInterval(
      () => {
        if (this.isOpen() && Date.now() - this.lastHeardAt > silence) {
          o.log.warn(`no frame from the hub for ${Math.round(silence / 1000)} s; reconnecting`);
          this.lastHeardAt = Date.now();
          this.socket.reconnect(4002, "silent hub");
        }
      },
      Math.min(silence, 10_000),
    );
    this.watchdog.unref();
  }

  isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a validated frame; returns false (and drops it) when the socket is not open. */
  send(frame: AgentFrame): boolean {
    const checked = agentFrame.safeParse(frame);
    if (!checked.success) {
      this.o.log.error(`not sending an invalid ${frame.type} frame: ${checked.error.issues[0]?.message ?? "invalid"}`);
      return false;
    }
    if (!this.isOpen()) return false;
    return this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    this.socket.close(1000, "agent stopping");
  }
}
