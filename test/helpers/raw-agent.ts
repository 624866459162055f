/** A raw `ws` client speaking the spec's protocol, like the spec's example agent, with waiters for frames. */
import WebSocket from "ws";

export type Frame = { type: string; [key: string]: unknown };

const BARRIER_BYTES = [0xba, 0xff];
/** How the hub refuses a binary frame (lib/protocol/parse.ts); no text frame earns this detail. */
const BINARY_REFUSAL = "binary frames are not accepted";

export class RawAgent {
  readonly frames: Frame[] = [];
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w(this.closed);
    });
  }

  /** Connects at /api/ws with a Bearer header (the spec's way) or at the room URL with ?token=. */
  static connect(wsUrl: string, key: string, via: "header" | "query" = "header"): Promise<RawAgent> {
    const ws =
      via === "header"
        ? new WebSocket(`${wsUrl}/api/ws`, { headers: { Authorization: `Bearer ${key}` } })
        : new WebSocket(`${wsUrl}/parties/main/cockpit?token=${encodeURIComponent(key)}`);
    const agent = new RawAgent(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(agent));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  /** A dashboard connection, as the browser opens it (a key or socket token in the query, `as=dashboard`). */
  static dashboard(wsUrl: string, credential: string): Promise<RawAgent> {
    const ws = new WebSocket(`${wsUrl}/parties/main/cockpit?as=dashboard&token=${encodeURIComponent(credential)}`);
    const client = new RawAgent(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  /** Resolves with the HTTP status the hub refused the upgrade with. */
  static refusedStatus(wsUrl: string, key: string | null): Promise<number> {
    const ws = new WebSocket(`${wsUrl}/api/ws`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
    return new Promise((resolve, reject) => {
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.once("open", () => reject(new Error("connection was accepted")));
      ws.once("error", () => undefined);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The next frame (already received or future) matching the predicate. */
  next(match: string | ((f: Frame) => boolean), timeoutMs = 10_000): Promise<Frame> {
    const predicate = typeof match === "string" ? (f: Frame) => f.type === match : match;
    const seen = this.frames.findIndex(predicate);
    if (seen >= 0) return Promise.resolve(this.frames.splice(seen, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match: predicate,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f);
        },
      });
    });
  }

  /**
   * A round trip through the hub: sends a frame the hub must refuse (binary) and waits for that refusal. The hub
   * handles one socket's frames in order and answers in order, so by then every frame sent before has been handled
   * and any frame the hub sent this socket before (an error, a task delivered by a finished REST call) has arrived.
   * Each barrier counts as one invalid frame towards the hub's abuse limit (ten within a minute close the socket).
   */
  async barrier(timeoutMs = 10_000): Promise<void> {
    this.ws.send(Buffer.from(BARRIER_BYTES), { binary: true });
    await this.next((f) => f.type === "error" && JSON.stringify(f.details).includes(BINARY_REFUSAL), timeoutMs);
  }

  /**
   * How long to wait for the runtime's close after a frame over its 1 MiB cap. With hibernation on (HUB_HIBERNATE=1)
   * local workerd sends the 1009 close frame but never ends the TCP connection (the room cannot either: it is told
   * only "internal error" and its close() changes nothing), so `ws` reports the close after its own 30 s close timeout.
   */
  static readonly OVERSIZE_CLOSE_MS = process.env.HUB_HIBERNATE === "1" ? 45_000 : 10_000;

  /**
   * The same local quirk for a close the room makes outside a socket event (a revoked key, closed from the web's
   * request): the close frame (4001 "key revoked") arrives at once, the TCP end only after `ws`'s 30 s timeout.
   */
  static readonly CLOSE_MS = RawAgent.OVERSIZE_CLOSE_MS;

  waitClose(timeoutMs = RawAgent.CLOSE_MS): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket did not close")), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * How much longer than asked every wait may last: waits end as soon as their effect shows, so only a failing run
 * takes longer, while a shared, loaded machine (CI beside other jobs) no longer fails a correct run on a deadline.
 */
const WAIT_SCALE = Math.max(1, Number(process.env.TEST_WAIT_SCALE) || 2);

/** Polls until the check returns a truthy value (within timeoutMs × TEST_WAIT_SCALE, default 2). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, label = "condition"): Promise<T> {
  timeoutMs *= WAIT_SCALE;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${label} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}
