import type * as Party from "partykit/server";
import { hubEventReply, type HubEvent, type HubEventBatch, type HubEventReply, type PresenceEntry } from "../lib/bridge/messages";
import { signedBody } from "../lib/bridge/sign";
import { BRIDGE_BODY_BYTES } from "../lib/protocol/limits";
import type { HubConfig } from "./config";
import { retryDelayMs } from "./liveness";
import { OutboxQueue, type EventKind, type QueuedEvent } from "./outbox-order";

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
/** Batches on their way to the web at once: enough to overlap the web's work with the round trip and storage. */
export const MAX_IN_FLIGHT = 3;
/**
 * With a batch already on its way, another leaves only when it carries at least this many events: under load the web
 * then gets fewer, fuller batches (each request costs it ~3 ms before any work) instead of one request per event.
 */
export const OVERLAP_MIN_EVENTS = 16;
/** Room for the batch's envelope and presence under the bridge's body cap. */
const BATCH_BYTES = BRIDGE_BODY_BYTES / 2;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<HubEvent, "id" | "at"> & { at?: number };
/** The index of an event cut into parts: how many, and what the ordering needs (older rooms stored only parts and at). */
type PartsIndex = { parts: number; at?: number; kind?: EventKind; agentId?: string; chars?: number };
/** What an outbox key holds: the event's JSON, or its parts index (older rooms stored objects). */
type Stored = string | PartsIndex | HubEvent;

/** The repository ids a git-status reports (what a later one must cover to replace it). */
function repoIdsOf(event: Pick<HubEvent, "kind"> & { frame?: unknown }): string[] | undefined {
  if (event.kind !== "git-status") return undefined;
  return (event.frame as { repos: { id: string }[] }).repos.map((r) => r.id);
}

/** What the ordering and settledBefore need to know of a stored event, read back at start. */
function describeStored(seq: number, value: Stored): { at: number; queued: QueuedEvent } {
  if (typeof value === "string") {
    const event = JSON.parse(value) as HubEvent;
    return { at: event.at ?? 0, queued: { seq, agentId: event.agentId, kind: event.kind, chars: value.length, repoIds: repoIdsOf(event) } };
  }
  if ("parts" in value) {
    // An old index without its kind is taken as a task event: sent early rather than held back.
    const queued = { seq, agentId: value.agentId ?? "", kind: value.kind ?? "task-result", chars: value.chars ?? value.parts * PART_CHARS };
    return { at: value.at ?? 0, queued };
  }
  // 0 when an old record does not say when it came: then nothing counts as settled.
  const at = typeof value.at === "number" ? value.at : 0;
  return { at, queued: { seq, agentId: value.agentId, kind: value.kind, chars: JSON.stringify(value).length, repoIds: repoIdsOf(value) } };
}

const seqKey = (seq: number) => PREFIX + String(seq).padStart(12, "0");
const partKey = (seq: string, i: number) => `${PART_PREFIX}${seq}:${String(i).padStart(4, "0")}`;

/** Agent events kept in room storage until the web confirms it stored them; a web restart loses nothing. */
export class Outbox {
  private seq = 0;
  /** Every event not yet stored by the web (seq → when the hub received it), including those being written. */
  private readonly pendingAt = new Map<number, number>();
  private failures = 0;
  /** Batches posted and not yet answered, and the agents whose events they carry. */
  private inFlight = 0;
  private readonly busyAgents = new Set<string>();
  private readonly sending = new Set<Promise<boolean>>();
  private presenceInFlight = false;
  /** Each pending event's agent (to mark it busy while its batch travels). */
  private readonly agentOf = new Map<number, string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private presenceWanted = true;
  /** Sequence numbers still being written: a batch never passes the oldest, so the web sees events in order. */
  private readonly writing = new Set<number>();
  /** What goes next: task events first, one agent's events in order, replaced pongs and git-status dropped. */
  private readonly queue = new OutboxQueue();
  /** Events carry a per-room-instance prefix so ids never repeat across restarts. */
  private readonly instanceId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  constructor(
    private readonly storage: Party.Storage,
    private readonly config: HubConfig,
    private readonly presence: () => PresenceEntry[],
    private readonly onReply: (reply: HubEventReply) => void,
  ) {}

  async load(): Promise<void> {
    // Listed in key order, which is seq order (zero-padded): the queue needs them in that order.
    for (const [key, value] of await this.storage.list<Stored>({ prefix: PREFIX })) {
      const seq = Number(key.slice(PREFIX.length));
      const { at, queued } = describeStored(seq, value);
      this.pendingAt.set(seq, at);
      this.agentOf.set(seq, queued.agentId);
      this.queue.add(queued, { stored: true });
      this.seq = Math.max(this.seq, seq);
    }
  }

  /**
   * Counters for /health: batches posted, their total and longest round trip to the web, most batches on their way at
   * once. Date.now() deltas (workerd's clock moves only across I/O, which is what a round trip is).
   */
  stats(): { batches: number; postMs: number; maxPostMs: number; maxInFlight: number; inFlight: number } {
    return { ...this.counters, inFlight: this.inFlight };
  }
  private readonly counters = { batches: 0, postMs: 0, maxPostMs: 0, maxInFlight: 0 };

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
    this.agentOf.set(seq, event.agentId);
    this.queue.add({ seq, agentId: event.agentId, kind: event.kind, chars: text.length, repoIds: repoIdsOf(event) }, { stored: false });
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
        const index: PartsIndex = { parts: n, at, kind: event.kind, agentId: event.agentId, chars: text.length };
        await this.storage.put(key, index);
      }
    } catch (error) {
      console.error(`outbox could not store a ${event.kind} event of ${text.length} characters:`, error instanceof Error ? error.message : error);
      this.pendingAt.delete(seq);
      this.agentOf.delete(seq);
      this.queue.remove([seq]);
      return false;
    } finally {
      this.writing.delete(seq);
    }
    this.queue.stored(seq);
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

  /**
   * Sends what is ready, up to MAX_IN_FLIGHT batches at once: while the web applies one batch the next is already on
   * its way, if it is full enough to be worth a request (OVERLAP_MIN_EVENTS), else it waits for the answer. An agent
   * with events in a batch on its way sends nothing more until that batch is answered (per-agent
   * order, outbox-order.ts); a presence snapshot leaves only when every earlier batch has been answered and nothing
   * else is on its way, so it never overtakes an older disconnect. After a failure only the retry timer (or the alarm) sends again.
   */
  async flush(): Promise<void> {
    while (this.inFlight < MAX_IN_FLIGHT && !this.presenceInFlight) {
      // A wanted snapshot waits until every batch on its way is answered, and nothing new leaves meanwhile.
      if (this.presenceWanted && this.inFlight > 0) break;
      const sendPresence = this.presenceWanted;
      const barrier = this.writing.size > 0 ? Math.min(...this.writing) : Infinity;
      // Characters count up to 3 bytes each in the UTF-8 body.
      const { send, drop } = this.queue.select({ maxEvents: BATCH_EVENTS, maxChars: BATCH_BYTES / 3, barrier, busyAgents: this.busyAgents });
      if (send.length === 0 && drop.length === 0 && !sendPresence) break;
      if (this.inFlight > 0 && send.length < OVERLAP_MIN_EVENTS && drop.length === 0) break;
      const seqs = [...send, ...drop];
      const agents = [...new Set(seqs.map((seq) => this.agentOf.get(seq) ?? ""))];
      for (const agent of agents) this.busyAgents.add(agent);
      this.inFlight += 1;
      this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight);
      // Asked for again while this one travels, it is sent again; lost with a failed batch, it is asked for again.
      if (sendPresence) [this.presenceInFlight, this.presenceWanted] = [true, false];
      const sent = this.sendBatch(send, drop, sendPresence).finally(() => {
        for (const agent of agents) this.busyAgents.delete(agent);
        this.inFlight -= 1;
        if (sendPresence) this.presenceInFlight = false;
      });
      this.sending.add(sent);
      void sent.then((ok) => {
        this.sending.delete(sent);
        // More may be ready (or was held back behind this batch's agents): go on unless the web is failing (then
        // the retry timer resumes).
        if (ok && this.failures === 0) void this.flush();
      });
    }
    // Callers (the alarm, tests) may wait for everything on its way to be answered.
    await Promise.all([...this.sending]);
  }

  /** One batch: read its events, post it, and forget them once the web has stored them. False when it failed. */
  private async sendBatch(send: number[], drop: number[], sendPresence: boolean): Promise<boolean> {
    try {
      const { events, keys } = await this.readBatch(send, drop);
      const batch: HubEventBatch = { events };
      if (sendPresence) batch.presence = this.presence();
      const postedAt = Date.now();
      const reply = await this.post(batch);
      const took = Date.now() - postedAt;
      this.counters.batches += 1;
      this.counters.postMs += took;
      this.counters.maxPostMs = Math.max(this.counters.maxPostMs, took);
      if (!reply) return this.failed(sendPresence);
      this.failures = 0;
      for (let i = 0; i < keys.length; i += KEYS_PER_PUT) await this.storage.delete(keys.slice(i, i + KEYS_PER_PUT));
      const seqs = [...send, ...drop];
      for (const seq of seqs) {
        this.pendingAt.delete(seq);
        this.agentOf.delete(seq);
      }
      this.queue.remove(seqs);
      this.onReply(reply);
      return true;
    } catch (error) {
      console.error("outbox batch failed:", error instanceof Error ? error.message : error);
      return this.failed(sendPresence);
    }
  }

  private failed(hadPresence: boolean): false {
    if (hadPresence) this.presenceWanted = true;
    this.failures += 1;
    this.scheduleFlush(retryDelayMs(this.failures));
    return false;
  }

  /** The selected events' text, with every storage key they and the replaced events dropped with them occupy. */
  private async readBatch(send: number[], drop: number[]): Promise<{ events: HubEvent[]; keys: string[] }> {
    const seqs = [...send, ...drop];
    const values = new Map<string, Stored>();
    const wanted = seqs.map(seqKey);
    for (let i = 0; i < wanted.length; i += KEYS_PER_PUT)
      for (const [k, v] of await this.storage.get<Stored>(wanted.slice(i, i + KEYS_PER_PUT))) values.set(k, v);
    const events: HubEvent[] = [];
    const keys: string[] = [];
    const sending = new Set(send);
    for (const seq of seqs) {
      const key = seqKey(seq);
      const value = values.get(key);
      keys.push(key);
      if (value === undefined) continue;
      const partKeys = typeof value !== "string" && "parts" in value ? this.partKeysOf(key, value.parts) : [];
      keys.push(...partKeys);
      if (sending.has(seq)) events.push(JSON.parse(await this.read(value, partKeys)) as HubEvent);
    }
    return { events, keys };
  }

  private partKeysOf(key: string, parts: number): string[] {
    return Array.from({ length: parts }, (_, i) => partKey(key.slice(PREFIX.length), i));
  }

  private async read(value: Stored, partKeys: string[]): Promise<string> {
    if (typeof value === "string") return value;
    if (!("parts" in value)) return JSON.stringify(value);
    const parts = new Map<string, string>();
    for (let i = 0; i < partKeys.length; i += KEYS_PER_PUT)
      for (const [k, v] of await this.storage.get<string>(partKeys.slice(i, i + KEYS_PER_PUT))) parts.set(k, v);
    return partKeys.map((k) => parts.get(k) ?? "").join("");
  }

  private async post(batch: HubEventBatch): Promise<HubEventReply | null> {
    try {
      const signed = await signedBody(this.config.secret, JSON.stringify(batch));
      const res = await fetch(`${this.config.webUrl}/api/hub/events`, { method: "POST", headers: signed.headers, body: signed.bytes });
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
