import type * as Party from "partykit/server";

const PREFIX = "hold:";
/** A holder record outlives any sane task; older ones (a result that never came) are dropped at start. */
const MAX_AGE_MS = 7 * 24 * 3600_000;

type Holder = { agentId: string; attempt: number | null; at: number };

/** Which agent holds each delivered task, so live output is relayed only from the agent that holds the attempt. */
export class TaskHolders {
  private readonly holders = new Map<string, Holder>();

  constructor(private readonly storage: Party.Storage) {}

  async load(now = Date.now()): Promise<void> {
    const stale: string[] = [];
    for (const [key, h] of await this.storage.list<Holder>({ prefix: PREFIX })) {
      if (now - h.at > MAX_AGE_MS) stale.push(key);
      else this.holders.set(key.slice(PREFIX.length), h);
    }
    if (stale.length > 0) await this.storage.delete(stale);
  }

  hold(taskId: string, agentId: string, attempt: number | undefined): void {
    const holder: Holder = { agentId, attempt: attempt ?? null, at: Date.now() };
    this.holders.set(taskId, holder);
    void this.storage.put(PREFIX + taskId, holder);
  }

  release(taskId: string): void {
    if (!this.holders.delete(taskId)) return;
    void this.storage.delete(PREFIX + taskId);
  }

  /** Whether `agentId` holds `taskId` (and, when the frame names one, that attempt). */
  holds(taskId: string, agentId: string, attempt: number | undefined): boolean {
    const h = this.holders.get(taskId);
    if (!h || h.agentId !== agentId) return false;
    return attempt === undefined || h.attempt === null || h.attempt === attempt;
  }
}
