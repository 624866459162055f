/** A local HTTP server standing in for Slack, Discord, ntfy, Telegram and webhook receivers: records every request. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The body's bytes, for binary payloads (an encrypted Web Push). */
  raw: Buffer;
  at: number;
  /** The receiver answered (false when the sender went away before the answer: the web was killed mid-send). */
  answered: boolean;
  status: number | null;
};

/** How to answer one request: a status (with headers/body), or hold it unanswered until the sender disconnects. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number; until?: Promise<unknown> } | "hold";

const OK: Reply = { status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };

export class NotifyReceiver {
  readonly received: Received[] = [];
  private scripts = new Map<string, Reply[]>();
  private standing = new Map<string, Reply>();
  private waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly url: string,
    private readonly usual: Reply,
  ) {}

  /** `usual`: the answer to a request nothing was scripted for (a push service answers 201). */
  static async start(usual: Reply = OK): Promise<NotifyReceiver> {
    let receiver: NotifyReceiver | null = null;
    const server = createServer((req, res) => void receiver!.handle(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    receiver = new NotifyReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, usual);
    return receiver;
  }

  /** Every request to `path` from now on gets this status (410: a push subscription that is gone). */
  answer(path: string, status: number): void {
    this.standing.set(path, { status });
  }

  /** The next requests to `path` get these replies, in order; then 200 again. */
  script(path: string, ...replies: Reply[]): void {
    this.scripts.set(path, [...(this.scripts.get(path) ?? []), ...replies]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "/").split("?")[0]!;
    const raw = Buffer.concat(chunks);
    const record: Received = { path, headers: req.headers, body: raw.toString("utf8"), raw, at: Date.now(), answered: false, status: null };
    this.received.push(record);
    // Seen on arrival, as next() finds one already here: a wait must not depend on whether it began before or after
    // the request came (a test that holds the answer until later waited for it forever). Seen again once answered.
    this.notify(record);
    const reply = this.scripts.get(path)?.shift() ?? this.standing.get(path) ?? this.usual;
    // "hold": never answered; the sender's connection closes when its process dies.
    if (reply === "hold") return;
    // A slow service: the answer comes late, and the sender (one row at a time) waits for it.
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    // Or it comes when the test says so: a barrier, where a fixed delay would race the machine's load.
    if (reply.until) await reply.until;
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(reply.body ?? "");
    record.answered = true;
    record.status = reply.status;
    this.notify(record);
  }

  private notify(record: Received): void {
    this.waiters = this.waiters.filter((w) => (w.match(record) ? (w.resolve(record), false) : true));
  }

  /** Waits for a request (already finished or future) that matches. */
  next(match: (r: Received) => boolean, timeoutMs = 15_000, label = "request"): Promise<Received> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${label} within ${timeoutMs} ms; got ${this.received.map((r) => r.path).join(", ")}`)), timeoutMs);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
