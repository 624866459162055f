/**
 * Starts stacks for the integration tests from vitest's main process and keeps one default stack started ahead,
 * so the next file that asks for one gets it at once instead of waiting seconds for a hub and a web to boot
 * (files run one at a time; the ahead start overlaps the running file, which mostly waits on sockets).
 * Workers reach it over loopback HTTP with a token; see `startStack` in stack.ts.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLocalStack, type StackControl, type StackEnded, type StackInfo, type StackOptions } from "./stack-local";

type Running = StackInfo & StackControl & StackEnded;
export const STACK_ACTIONS = ["restartWeb", "stopWeb", "startWebAgain", "restartHub"] as const;
export type StackAction = (typeof STACK_ACTIONS)[number];
export type BrokerAddress = { url: string; token: string };

const DEFAULT_OPTIONS = JSON.stringify({});

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += String(chunk);
  return body ? JSON.parse(body) : {};
}

export class StackBroker {
  private readonly running = new Map<string, Running>();
  private ahead: Promise<Running> | null = null;
  private readonly stopping = new Set<Promise<void>>();
  private server: Server | null = null;
  private readonly token = randomBytes(16).toString("hex");

  /** Hands out the stack started ahead when the options are the defaults, and starts the next one. */
  async take(options: StackOptions): Promise<{ id: string; info: StackInfo }> {
    let stack: Running;
    if (JSON.stringify(options) === DEFAULT_OPTIONS && this.ahead) {
      const ready = this.ahead;
      this.ahead = null;
      // A stack started ahead that failed to boot is not fatal: start one now, as without the broker.
      stack = await ready.catch(() => startLocalStack(options));
      // Nor is one whose hub or web ended while it waited (a file once got a stack whose hub was gone: every socket
      // refused); it is said why, and replaced.
      const ended = stack.ended();
      if (ended) {
        console.warn(`the stack started ahead cannot serve, so a new one is started: ${ended}`);
        void stack.stop().catch(() => undefined);
        stack = await startLocalStack(options);
      }
    } else {
      stack = await startLocalStack(options);
    }
    this.startAhead();
    const id = randomBytes(8).toString("hex");
    this.running.set(id, stack);
    const { webUrl, hubUrl, wsUrl, adminKey, secret, dbPath } = stack;
    return { id, info: { webUrl, hubUrl, wsUrl, adminKey, secret, dbPath } };
  }

  startAhead(): void {
    if (this.ahead) return;
    this.ahead = startLocalStack({});
    this.ahead.catch(() => undefined); // reported when taken
  }

  async act(id: string, action: StackAction): Promise<void> {
    const stack = this.running.get(id);
    if (!stack) throw new Error(`no running stack ${id}`);
    await stack[action]();
  }

  /** Stops the stack; callers wait for it: a file may unmount or delete what the processes still hold open. */
  release(id: string): Promise<void> {
    const stack = this.running.get(id);
    if (!stack) return Promise.resolve();
    this.running.delete(id);
    const stopped = stack.stop().catch(() => undefined);
    this.stopping.add(stopped);
    void stopped.then(() => this.stopping.delete(stopped));
    return stopped;
  }

  async listen(): Promise<BrokerAddress> {
    this.server = createServer((req, res) => {
      void (async () => {
        if (req.headers.authorization !== `Bearer ${this.token}`) return res.writeHead(401).end();
        const [, id = "", action = ""] = (req.url ?? "").split("/");
        try {
          if (id === "take")
            return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(await this.take((await readJson(req)) as StackOptions)));
          if (action === "stop") return (await this.release(id), res.writeHead(204).end());
          if ((STACK_ACTIONS as readonly string[]).includes(action)) return (await this.act(id, action as StackAction), res.writeHead(204).end());
          res.writeHead(404).end();
        } catch (error) {
          res.writeHead(500, { "content-type": "text/plain" }).end(error instanceof Error ? (error.stack ?? error.message) : String(error));
        }
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, token: this.token };
  }

  async close(): Promise<void> {
    this.server?.close();
    const ahead = this.ahead;
    this.ahead = null;
    for (const id of [...this.running.keys()]) void this.release(id);
    await Promise.all([
      ...this.stopping,
      ahead?.then(
        (s) => s.stop(),
        () => undefined,
      ),
    ]);
  }
}
