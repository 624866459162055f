import type * as Party from "partykit/server";
import { hubEventReply, type HubEvent, type HubEventBatch, type HubEventReply, type PresenceEntry } from "../lib/bridge/messages";
import { signedHeaders } from "../lib/bridge/sign";
import { BRIDGE_BODY_BYTES } from "../lib/protocol/limits";
import type { HubConfig } from "./config";
import { retryDelayMs } from "./liveness";

const PREFIX = "outbox:";
const PART_PREFIX = "outpart:";
/**
 * Room storage refuses a value over 131,072 bytes; a string costs at most 2 bytes a character there, so events are
 * stored as JSON text cut into parts of this many characters. Any frame the hub accepts (≤ 1 MB) fits.
 */
export const PART_CHARS = 60_000;
/** Storage writes at most 128 keys in one put. */
const KEYS_PER_PUT = 128;
const BATCH_EVENTS = 200;
/** Room for the batch's envelope and presence under the bridge's body cap. */
const BATCH_BYTES = BRIDGE_BODY_BYTES / 2;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<HubEvent, "id" | "at"> & { at?: number };
/** What an outbox key holds: the event's JSON, or the count of parts it was cut into (older rooms stored objects). */
type Stored = string | { parts: number; at?: number } | HubEvent;

/** When the hub received a stored event (0 when an old record does not say: then nothing counts as settled). */
function receivedAt(value: Stored): number {
  if (typeof value === "string") return (JSON.parse(value) as { at?: number }).at ?? 0;
  return typeof value.at === "number" ? value.at : 0;
}

const seqKey = (seq: number) => PREFIX + String(seq).padStart(12, "0");
const partKey = (seq: string, i: number) => `${PART_PREFIX}${seq}:${String(i).padStart(4, "0")}`;

/** Agent events kept in room storage until the web confirms it stored them; a web restart loses nothing. */
export class Outbox {
  private seq = 0;
  /** Every event not yet stored by the web (seq → when the hub received it), including those being written. */
  private readonly pendingAt = new Map<number, number>();
  private flushing = false;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private presenceWanted = true;
  /** Sequence numbers still being written: a batch never passes the oldest, so the web sees events in order. */
  private readonly writing = new Set<number>();
  /** Events carry a per-room-instance prefix so ids never repeat across restarts. */
  private readonly instanceId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  constructor(
    private readonly storage: Party.Storage,
    private readonly config: HubConfig,
    private readonly presence: () => PresenceEntry[],
    private readonly onReply: (reply: HubEventReply) => void,
  ) {}

  async load(): Promise<void> {
    for (const [key, value] of await this.storage.list<Stored>({ prefix: PREFIX })) {
      const seq = Number(key.slice(PREFIX.length));
      this.pendingAt.set(seq, receivedAt(value));
      this.seq = Math.max(this.seq, seq);
    }
  }

  /** Events waiting for the web (reported by /health). */
  depth(): number {
    return this.pendingAt.size;
  }

  /**
   * Every event the hub received before this moment has been stored by the web. The web expires an unaccepted
   * delivery only when its deadline is older: an acceptance still waiting here (the web was down) must count.
   */
  settledBefore(now = Date.now()): number {
    let oldest = now;
    for (const at of this.pendingAt.values()) oldest = Math.min(oldest, at);
    return oldest;
  }

  /**
   * Stores the event (in parts when large), then flushes soon; events enqueued in the same tick travel together.
   * Resolves false when storage refused it, so the sender can be told instead of the event vanishing.
   */
  async enqueue(event: NewEvent): Promise<boolean> {
    this.seq += 1;
    const seq = this.seq;
    const at = event.at ?? Date.now();
    const text = JSON.stringify({ ...event, id: `${this.instanceId}-${seq}`, at });
    const key = seqKey(seq);
    this.writing.add(seq);
    this.pendingAt.set(seq, at);
    try {
      if (text.length <= PART_CHARS) {
        await this.storage.put(key, text);
      } else {
        const parts: Record<string, string> = {};
        const n = Math.ceil(text.length / PART_CHARS);
        for (let i = 0; i < n; i++) parts[partKey(key.slice(PREFIX.length), i)] = text.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
        // Parts first, the index last: a crash in between leaves orphan parts, never an index without its parts.
        const entries = Object.entries(parts);
        for (let i = 0; i < entries.length; i += KEYS_PER_PUT) await this.storage.put(Object.fromEntries(entries.slice(i, i + KEYS_PER_PUT)));
        await this.storage.put(key, { parts: n, at });
      }
    } catch (error) {
      console.error(`outbox could not store a ${event.kind} event of ${text.length} characters:`, error instanceof Error ? error.message : error);
      this.pendingAt.delete(seq);
      return false;
    } finally {
      this.writing.delete(seq);
    }
    this.scheduleFlush(0);
    return true;
  }

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
        const { events, keys, more } = await this.nextBatch();
        if (events.length === 0 && !this.presenceWanted) break;
        const batch: HubEventBatch = { events };
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
        for (let i = 0; i < keys.length; i += KEYS_PER_PUT) await this.storage.delete(keys.slice(i, i + KEYS_PER_PUT));
        for (const key of keys) if (key.startsWith(PREFIX)) this.pendingAt.delete(Number(key.slice(PREFIX.length)));
        this.onReply(reply);
        if (more) this.again = true;
      } while (this.again);
    } finally {
      this.flushing = false;
    }
  }

  /** The oldest events, up to BATCH_EVENTS and BATCH_BYTES (at least one), with every storage key they occupy. */
  private async nextBatch(): Promise<{ events: HubEvent[]; keys: string[]; more: boolean }> {
    const listed = await this.storage.list<Stored>({ prefix: PREFIX, limit: BATCH_EVENTS });
    const events: HubEvent[] = [];
    const keys: string[] = [];
    let bytes = 0;
    const barrier = this.writing.size > 0 ? Math.min(...this.writing) : Infinity;
    for (const [key, value] of listed) {
      if (Number(key.slice(PREFIX.length)) >= barrier) return { events, keys, more: true };
      const { text, partKeys } = await this.read(key, value);
      if (events.length > 0 && bytes + text.length * 3 > BATCH_BYTES) return { events, keys, more: true };
      bytes += text.length * 3;
      events.push(JSON.parse(text) as HubEvent);
      keys.push(key, ...partKeys);
    }
    return { events, keys, more: listed.size === BATCH_EVENTS };
  }

  private async read(key: string, value: Stored): Promise<{ text: string; partKeys: string[] }> {
    if (typeof value === "string") return { text: value, partKeys: [] };
    if (!("parts" in value)) return { text: JSON.stringify(value), partKeys: [] };
    const partKeys = Array.from({ length: value.parts }, (_, i) => partKey(key.slice(PREFIX.length), i));
    const parts = new Map<string, string>();
    for (let i = 0; i < partKeys.length; i += KEYS_PER_PUT)
      for (const [k, v] of await this.storage.get<string>(partKeys.slice(i, i + KEYS_PER_PUT))) parts.set(k, v);
    return { text: partKeys.map((k) => parts.get(k) ?? "").join(""), partKeys };
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
      const reply = hubEventReply.safeParse(await res.json());
      if (!reply.success) {
        console.warn("web answered an unexpected event reply:", reply.error.issues[0]?.message);
        return null;
      }
      return reply.data;
    } catch (error) {
      console.warn("web unreachable for event batch:", error instanceof Error ? error.message : error);
      return null;
    }
  }
}
