import type * as Party from "partykit/server";
import type { HubEvent, HubEventBatch, HubEventReply, PresenceEntry } from "../lib/bridge/messages";
import { signedHeaders } from "../lib/bridge/sign";
import type { HubConfig } from "./config";
import { retryDelayMs } from "./liveness";

const PREFIX = "outbox:";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<HubEvent, "id" | "at"> & { at?: number };
const BATCH = 200;

/** Agent events kept in room storage until the web confirms it stored them; a web restart loses nothing. */
export class Outbox {
  private seq = 0;
  private flushing = false;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private presenceWanted = true;

  constructor(
    private readonly storage: Party.Storage,
    private readonly config: HubConfig,
    private readonly presence: () => PresenceEntry[],
    private readonly onReply: (reply: HubEventReply) => void,
  ) {}

  async load(): Promise<void> {
    const last = await this.storage.list<HubEvent>({ prefix: PREFIX, reverse: true, limit: 1 });
    for (const key of last.keys()) this.seq = Number(key.slice(PREFIX.length));
  }

  /** Stores the event, then flushes soon; events enqueued in the same tick travel in one request. */
  enqueue(event: NewEvent): void {
    this.seq += 1;
    const stored = { ...event, id: `${this.instanceId}-${this.seq}`, at: event.at ?? Date.now() } as HubEvent;
    void this.storage.put(PREFIX + String(this.seq).padStart(12, "0"), stored);
    this.scheduleFlush(0);
  }

  /** Events carry a per-room-instance prefix so ids never repeat across restarts. */
  private readonly instanceId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  requestPresenceSync(): void {
    this.presenceWanted = true;
    this.scheduleFlush(0);
  }

  scheduleFlush(delayMs: number): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delayMs);
  }

  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        const pending = await this.storage.list<HubEvent>({ prefix: PREFIX, limit: BATCH });
        if (pending.size === 0 && !this.presenceWanted) break;
        const batch: HubEventBatch = { events: [...pending.values()] };
        const sendPresence = this.presenceWanted;
        if (sendPresence) batch.presence = this.presence();
        const reply = await this.post(batch);
        if (!reply) {
          this.failures += 1;
          this.scheduleFlush(retryDelayMs(this.failures));
          return;
        }
        this.failures = 0;
        if (sendPresence) this.presenceWanted = false;
        await this.storage.delete([...pending.keys()]);
        this.onReply(reply);
        if (pending.size === BATCH) this.again = true;
      } while (this.again);
    } finally {
      this.flushing = false;
    }
  }

  private async post(batch: HubEventBatch): Promise<HubEventReply | null> {
    const body = JSON.stringify(batch);
    try {
      const res = await fetch(`${this.config.webUrl}/api/hub/events`, {
        method: "POST",
        headers: await signedHeaders(this.config.secret, body),
        body,
      });
      if (!res.ok) {
        console.warn(`web refused event batch: ${res.status} ${(await res.text()).slice(0, 300)}`);
        return null;
      }
      return (await res.json()) as HubEventReply;
    } catch (error) {
      console.warn("web unreachable for event batch:", error instanceof Error ? error.message : error);
      return null;
    }
  }
}
