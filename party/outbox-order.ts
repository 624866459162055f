import type { HubEvent } from "../lib/bridge/messages";

/**
 * Which outbox events travel next. Pure, so its rules are unit-tested (test/unit/outbox-order.test.ts):
 * 1. Task lifecycle events go first: after a hub restart a thousand agents' presence and git traffic must not hold
 *    back an acceptance or a result (a plain FIFO left tasks unfinished for minutes).
 * 2. One agent's events keep their order: a lifecycle event takes every earlier event of its agent along (its
 *    agent-status before its task-accepted, its task-accepted before its task-result, a disconnect after them).
 * 3. A pong, or a git-status whose repositories a later git-status of the same agent all report again, is replaced
 *    by that later one: it is deleted with the next batch instead of being sent.
 */

export type EventKind = HubEvent["kind"];

export const LIFECYCLE_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(["task-accepted", "task-result", "delivered", "delivery-failed", "disconnect"]);

export type QueuedEvent = {
  seq: number;
  agentId: string;
  kind: EventKind;
  /** What it costs in a batch (characters of its JSON). */
  chars: number;
  /** git-status only: the repository ids it reports. */
  repoIds?: readonly string[];
};

type Entry = QueuedEvent & { superseded: boolean };
export type Selection = { send: number[]; drop: number[] };
export type Budget = {
  maxEvents: number;
  maxChars: number;
  /** Events from this seq on are still being written. */
  barrier: number;
  /**
   * Agents with events in a batch still on its way: none of their events may leave before that batch is answered,
   * or the web (which may apply two batches in either order) could see one agent's events out of order.
   */
  busyAgents?: ReadonlySet<string>;
};

/** Whether `later` makes `earlier` (same agent) redundant. */
function replaces(later: QueuedEvent, earlier: Entry): boolean {
  if (earlier.superseded || later.kind !== earlier.kind) return false;
  if (later.kind === "pong") return true;
  if (later.kind !== "git-status" || !later.repoIds || !earlier.repoIds) return false;
  const reported = new Set(later.repoIds);
  return earlier.repoIds.every((id) => reported.has(id));
}

/** The outbox's pending events in memory (storage holds their text), in seq order, with their agent and kind. */
export class OutboxQueue {
  private readonly entries = new Map<number, Entry>();
  private readonly byAgent = new Map<string, number[]>();

  get size(): number {
    return this.entries.size;
  }

  /** Adds an event (in increasing seq order); `stored` once it is safely in storage, else call stored() when it is. */
  add(event: QueuedEvent, { stored }: { stored: boolean }): void {
    const mine = this.byAgent.get(event.agentId) ?? [];
    mine.push(event.seq);
    this.byAgent.set(event.agentId, mine);
    this.entries.set(event.seq, { ...event, superseded: false });
    if (stored) this.stored(event.seq);
  }

  /** The event is in storage: only now may it replace earlier ones (a write that fails must not cost them). */
  stored(seq: number): void {
    const event = this.entries.get(seq);
    if (!event) return;
    for (const other of this.byAgent.get(event.agentId)!) {
      if (other >= seq) break;
      const earlier = this.entries.get(other)!;
      if (replaces(event, earlier)) earlier.superseded = true;
    }
  }

  remove(seqs: Iterable<number>): void {
    for (const seq of seqs) {
      const entry = this.entries.get(seq);
      if (!entry) continue;
      this.entries.delete(seq);
      const mine = this.byAgent.get(entry.agentId)!;
      mine.splice(mine.indexOf(seq), 1);
      if (mine.length === 0) this.byAgent.delete(entry.agentId);
    }
  }

  /** The next batch: seqs to send (in seq order) and replaced seqs to delete; at least one event when any is ready. */
  select({ maxEvents, maxChars, barrier, busyAgents }: Budget): Selection {
    const chosen = new Set<number>();
    const busy = (e: Entry) => busyAgents !== undefined && busyAgents.has(e.agentId);
    const send: number[] = [];
    const drop: number[] = [];
    let chars = 0;
    const full = () => send.length >= maxEvents;
    /** Takes the event when the budget allows; a replaced one costs nothing. */
    const take = (e: Entry): boolean => {
      if (e.superseded) {
        drop.push(e.seq);
        chosen.add(e.seq);
        return true;
      }
      if (send.length > 0 && (full() || chars + e.chars > maxChars)) return false;
      send.push(e.seq);
      chars += e.chars;
      chosen.add(e.seq);
      return true;
    };
    for (const e of this.entries.values()) {
      if (e.seq >= barrier || full()) break;
      if (chosen.has(e.seq) || e.superseded || !LIFECYCLE_KINDS.has(e.kind) || busy(e)) continue;
      // The agent's earlier events first (its queue is a prefix up to e), stopping where the budget ends.
      for (const seq of this.byAgent.get(e.agentId)!) {
        if (seq > e.seq) break;
        if (!chosen.has(seq) && !take(this.entries.get(seq)!)) break;
      }
    }
    for (const e of this.entries.values()) {
      if (e.seq >= barrier) break;
      if (!chosen.has(e.seq) && !busy(e) && !take(e)) break;
    }
    return { send: send.sort((a, b) => a - b), drop };
  }
}
